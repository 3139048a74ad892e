/**
 * Email templates (`emailTemplates:`): the verification, welcome, password-reset and other emails Auth0
 * sends, each body an HTML file beside tenant.yaml (as deploy-cli exports them). Identified by the
 * template's name. deploy-cli patches each declared template and creates it when Auth0 has none; it
 * never deletes one (Auth0 has no delete), so a template the file leaves out keeps its state.
 */
import { defineResource, type Rec } from '../define';
import { emailTemplateRoutes } from './local-routes';
import { emailTemplatesSchema } from './schema';

export const emailTemplates = defineResource({
  key: 'emailTemplates',
  shape: 'list',
  noun: 'email template',
  identityField: 'template',
  calls: '`GET`/`PATCH /email-templates/{name}`, `POST /email-templates` (a template the tenant lacks)',
  scopes: {
    read: ['read:email_templates'],
    write: ['create:email_templates', 'update:email_templates'],
    remove: [],
  },
  schema: emailTemplatesSchema,
  identity: (item: Rec) => String(item.template ?? ''),
  files: [{ path: 'body', what: 'body' }],
  codeFields: ['body'],
  compare: { deletable: false },
  localState: [{ field: 'emailTemplates', shape: 'list' }],
  localRoutes: () => emailTemplateRoutes,
});
