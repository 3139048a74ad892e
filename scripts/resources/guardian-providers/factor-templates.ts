/**
 * The SMS factor's messages (`guardianFactorTemplates:`): the enrollment invitation and the verification
 * text, `{{code}}` and the like filled in by Auth0. They always exist (Auth0 has defaults), so a template
 * the file leaves out keeps its text.
 */
import { byName, defineResource } from '../define';
import { guardianTemplateRoutes } from './local-routes';
import { guardianFactorTemplatesSchema } from './schema';

export const guardianFactorTemplates = defineResource({
  key: 'guardianFactorTemplates',
  title: 'guardianFactorTemplates (MFA SMS messages)',
  shape: 'list',
  noun: 'MFA message template',
  identityField: 'name',
  calls: '`GET`/`PUT /guardian/factors/sms/templates`',
  scopes: { read: ['read:guardian_factors'], write: ['update:guardian_factors'], remove: [] },
  schema: guardianFactorTemplatesSchema,
  identity: byName,
  compare: { deletable: false },
  localState: [{ field: 'guardian', shape: 'object' }],
  localRoutes: () => guardianTemplateRoutes,
});
