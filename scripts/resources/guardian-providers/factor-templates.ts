/**
 * The SMS factor's messages (`guardianFactorTemplates:`): the enrollment invitation and the verification
 * text, `{{code}}` and the like filled in by Auth0. They always exist (Auth0 has defaults), so a template
 * the file leaves out keeps its text.
 */
import { byName, defineResource, type Flattened, type Rec } from '../define';
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
  flatten: withoutEmptyTemplates,
  localState: [{ field: 'guardian', shape: 'object' }],
  localRoutes: () => guardianTemplateRoutes,
});

/** A template whose messages are empty was never written: Auth0 sends its own text, nothing to adopt. */
function withoutEmptyTemplates(item: Rec): Flattened {
  const empty = ['enrollment_message', 'verification_message'].every((field) => !item[field]);
  return empty
    ? { item: undefined, removed: [{ path: [], why: 'no message was ever written (Auth0 sends its own)' }] }
    : { item, removed: [] };
}
