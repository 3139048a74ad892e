import { GUARDIAN_FACTORS } from '../../tenant/schema/guardian';
import { invalidBody, notFound } from '../http/errors';
import { ok, type RequestContext } from '../http/router';
import { validateBody } from '../http/validate';
import { copy, type RouteList } from './common';
import { boolean, closedObject } from './schemas/json';

const READ = 'read:guardian_factors';
const UPDATE = 'update:guardian_factors';

function listFactors({ store }: RequestContext) {
  return ok(
    GUARDIAN_FACTORS.map((name) => ({
      name,
      enabled: store.state.guardian.factors[name] === true,
      trial_expired: false,
    })),
  );
}

const FACTOR = closedObject({ enabled: boolean }, ['enabled']);

function setFactor({ store, params, body }: RequestContext) {
  const name = params.name ?? '';
  if (!(GUARDIAN_FACTORS as readonly string[]).includes(name)) {
    throw notFound(`The factor '${name}' does not exist`, 'inexistent_factor');
  }
  const fields = validateBody(body, FACTOR);
  store.state.guardian.factors[name] = fields.enabled === true;
  return ok({ enabled: fields.enabled });
}

const POLICIES = { type: 'array' };

function setPolicies({ store, body }: RequestContext) {
  const policies = validateBody<unknown[]>(body, POLICIES);
  for (const policy of policies) {
    if (policy !== 'all-applications' && policy !== 'confidence-score') {
      throw invalidBody(`'No enum match for: ${JSON.stringify(policy)}' on property policies.`);
    }
  }
  store.state.guardian.policies = [...new Set(policies as string[])];
  return ok(copy(store.state.guardian.policies));
}

export const guardianPolicyRoutes: RouteList = [
  {
    method: 'GET',
    template: '/guardian/policies',
    scope: 'read:mfa_policies',
    handler: ({ store }) => ok(copy(store.state.guardian.policies)),
  },
  { method: 'PUT', template: '/guardian/policies', scope: 'update:mfa_policies', handler: setPolicies },
];

/**
 * The factors. The settings that go with them (providers, templates, the phone factor's provider and
 * message types) are their own resource types: ../../resources/guardian-providers/local-routes.ts.
 */
export const guardianFactorRoutes: RouteList = [
  { method: 'GET', template: '/guardian/factors', scope: READ, handler: listFactors },
  { method: 'PUT', template: '/guardian/factors/:name', scope: UPDATE, handler: setFactor },
];
