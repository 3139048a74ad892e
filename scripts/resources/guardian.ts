import { guardianFactorRoutes, guardianPolicyRoutes } from '../local-tenant/api/guardian';
import { guardianFactorsSchema, guardianPoliciesSchema } from '../tenant/schema/guardian';
import { byName, defineResource, singletonIdentity } from './define';

export const guardianFactors = defineResource({
  key: 'guardianFactors',
  title: 'guardianFactors (MFA factors)',
  shape: 'list',
  noun: 'MFA factor',
  identityField: 'name',
  calls: '`GET /guardian/factors`, `PUT /guardian/factors/{name}`',
  scopes: { read: ['read:guardian_factors'], write: ['update:guardian_factors'], remove: [] },
  schema: guardianFactorsSchema,
  identity: byName,
  // Every factor always exists; a factor the file leaves out keeps its state.
  compare: { deletable: false },
  localState: [{ field: 'guardian', shape: 'object' }],
  localRoutes: () => guardianFactorRoutes,
});

export const guardianPolicies = defineResource({
  key: 'guardianPolicies',
  title: 'guardianPolicies (MFA policy)',
  shape: 'singleton',
  noun: 'MFA policy',
  calls: '`GET`/`PUT /guardian/policies`',
  scopes: { read: ['read:mfa_policies'], write: ['update:mfa_policies'], remove: [] },
  schema: guardianPoliciesSchema,
  identity: singletonIdentity('guardianPolicies'),
  compare: { deletable: false },
  localState: [{ field: 'guardian', shape: 'object' }],
  localRoutes: () => guardianPolicyRoutes,
});
