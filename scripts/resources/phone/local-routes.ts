/**
 * The local tenant's /branding/phone, as the recordings show Auth0 answering. Lists come in an envelope
 * without paging (`{ providers: [...] }`, `{ templates: [...] }`). A provider's credentials are never
 * answered: a list reads them as `null`, a write leaves them out. A new tenant lists every template type
 * with its default text and no id until the template is created (deploy-cli creates those it is given).
 */
import { collectionRoutes, itemsIn } from '../../local-tenant/api/collection';
import { copy, nowIso, scopes } from '../../local-tenant/api/common';
import { boolean, closedObject, object, oneOf, string } from '../../local-tenant/api/schemas/json';
import { merged } from '../../local-tenant/api/singleton';
import { conflict } from '../../local-tenant/http/errors';
import { ok, type RequestContext, type Route } from '../../local-tenant/http/router';
import { newPhoneProviderId, newPhoneTemplateId } from '../../local-tenant/ids';
import type { JsonObject, TenantState } from '../../local-tenant/state/types';
import { PHONE_TEMPLATE_TYPES } from './schema';

/** The list route answered in Auth0's envelope, and no delete (the pipeline never deletes these). */
function withEnvelope(routes: Route[], path: string, list: Route['handler']): Route[] {
  return routes
    .filter((route) => route.method !== 'DELETE')
    .map((route) =>
      route.method === 'GET' && route.template === path ? { ...route, handler: list } : route,
    );
}

const stamped = (fields: JsonObject, existing: JsonObject | undefined): JsonObject => ({
  ...fields,
  ...(existing ? {} : { created_at: nowIso() }),
  updated_at: nowIso(),
});

const PROVIDER = closedObject(
  { name: oneOf(['twilio', 'custom']), disabled: boolean, configuration: object, credentials: object },
  ['name', 'configuration', 'credentials'],
);

const withoutCredentials = ({ credentials: _credentials, ...provider }: JsonObject) => copy(provider);
const asRead = (provider: JsonObject) => ({ ...withoutCredentials(provider), credentials: null });

const providerRoutes = collectionRoutes({
  path: '/branding/phone/providers',
  field: 'phoneProviders',
  id: { field: 'id', generate: newPhoneProviderId },
  scopes: scopes('phone_providers'),
  schemas: { create: PROVIDER, update: closedObject(PROVIDER.properties) },
  notFound: { message: 'Phone provider not found', errorCode: 'not_found' },
  list: { key: 'providers', paging: 'none' },
  check: (_fields, state, existing) => {
    if (!existing && itemsIn(state, 'phoneProviders').length > 0)
      throw conflict('A phone provider is already configured for this tenant');
  },
  defaults: (_fields, state) => ({ tenant: state.tenantName, channel: 'phone', disabled: false }),
  prepare: (fields, _state, existing) => stamped(fields, existing),
  render: (provider, _state, { purpose }) =>
    purpose === 'read' ? asRead(provider) : withoutCredentials(provider),
});

export const phoneProviderRoutes = withEnvelope(providerRoutes, '/branding/phone/providers', ({ store }) =>
  ok({ providers: itemsIn(store.state, 'phoneProviders').map(asRead) }),
);

const CONTENT = closedObject({
  syntax: string,
  from: string,
  body: closedObject({ text: string, voice: string }),
});
const TEMPLATE = closedObject({ type: oneOf(PHONE_TEMPLATE_TYPES), disabled: boolean, content: CONTENT }, [
  'type',
  'content',
]);

/** Auth0's own text for each message until the tenant writes one. */
const DEFAULT_TEXT: Record<string, string> = {
  otp_verify: '{{ code | escape }} is your verification code for {{ friendly_name | escape }}',
  otp_enroll: '{{ code | escape }} is your code to enroll this phone with {{ friendly_name | escape }}',
  change_password: '{{ code | escape }} is your password change code for {{ friendly_name | escape }}',
  blocked_account:
    'Sign-ins to your {{ friendly_name | escape }} account were blocked after suspicious activity.',
  password_breach: 'Your {{ friendly_name | escape }} password appeared in a data breach: please change it.',
};

function defaultTemplate(type: string, state: TenantState): JsonObject {
  const text = DEFAULT_TEXT[type] ?? '';
  return {
    tenant: state.tenantName,
    channel: 'phone',
    type,
    disabled: false,
    content: { syntax: 'liquid', body: { text, voice: text } },
  };
}

const templateRoutes = collectionRoutes({
  path: '/branding/phone/templates',
  field: 'phoneTemplates',
  id: { field: 'id', generate: newPhoneTemplateId },
  scopes: scopes('phone_templates'),
  schemas: { create: TEMPLATE, update: closedObject({ disabled: boolean, content: CONTENT }) },
  notFound: { message: 'Phone template not found', errorCode: 'not_found' },
  list: { key: 'templates', paging: 'none' },
  unique: [{ fields: ['type'], message: (template) => `A ${template.type} phone template already exists` }],
  defaults: (fields, state) => defaultTemplate(String(fields.type), state),
  // Content is merged into the template's (`syntax`, create-only, and what an update leaves out stay).
  prepare: (fields, _state, existing) => {
    const content = fields.content as JsonObject | undefined;
    if (!content) return stamped(fields, existing);
    const before = (existing?.content as JsonObject | undefined) ?? { syntax: 'liquid' };
    return stamped({ ...fields, content: merged(before, content, true, false) }, existing);
  },
});

function listTemplates({ store }: RequestContext) {
  const created = itemsIn(store.state, 'phoneTemplates');
  return ok({
    templates: PHONE_TEMPLATE_TYPES.map(
      (type) =>
        copy(created.find((template) => template.type === type)) ?? defaultTemplate(type, store.state),
    ),
  });
}

export const phoneTemplateRoutes = withEnvelope(templateRoutes, '/branding/phone/templates', listTemplates);
