/**
 * The tenant's phone messages (`phoneTemplates:`, Branding > Phone Templates): the text and voice of the
 * one-time codes, the password change code and the account notices, one per `type`, as deploy-cli matches
 * them. Every type always exists (Auth0 has a default), so a template the file leaves out keeps its text.
 */
import { defineResource } from '../define';
import { phoneTemplateRoutes } from './local-routes';
import { phoneTemplatesSchema } from './schema';

export const phoneTemplates = defineResource({
  key: 'phoneTemplates',
  title: 'phoneTemplates (SMS and voice messages)',
  shape: 'list',
  noun: 'phone template',
  identityField: 'type',
  calls: '`GET`/`POST /branding/phone/templates`, `PATCH /branding/phone/templates/{id}`',
  scopes: {
    read: ['read:phone_templates'],
    write: ['create:phone_templates', 'update:phone_templates'],
    remove: [],
  },
  schema: phoneTemplatesSchema,
  identity: (template) => String(template.type ?? ''),
  compare: { deletable: false },
  after: ['phoneProviders'],
  localState: [{ field: 'phoneTemplates', shape: 'list' }],
  localRoutes: () => phoneTemplateRoutes,
});
