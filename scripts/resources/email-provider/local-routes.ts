/**
 * The local tenant's /emails/provider: one provider or none. A read answers 404 while there is none (as
 * deploy-cli expects: its handler takes a 404 for "no provider") and never the credentials Auth0 keeps to
 * itself (the recordings show a Mandrill provider read back with `credentials: {}`); a create is refused
 * while one exists, an update or a delete while none does. The state keeps `{}` for "none".
 */

import { copy, type RouteList } from '../../local-tenant/api/common';
import { boolean, closedObject, object, oneOf, string } from '../../local-tenant/api/schemas/json';
import { conflict, invalidBody, notFound } from '../../local-tenant/http/errors';
import { projectFields } from '../../local-tenant/http/paging';
import { noContent, ok, type RequestContext, type Route } from '../../local-tenant/http/router';
import { isJsonObject, validateBody } from '../../local-tenant/http/validate';
import type { JsonObject, TenantState } from '../../local-tenant/state/types';
import { PROVIDER_NAMES, PROVIDERS, RETURNED_CREDENTIALS } from './schema';

const FIELDS = {
  name: oneOf(PROVIDER_NAMES),
  enabled: boolean,
  default_from_address: string,
  credentials: object,
  settings: { type: ['object', 'null'] },
};
const CREATE = closedObject(FIELDS, ['name', 'credentials']);
const UPDATE = closedObject(FIELDS);

const SCOPES = {
  read: 'read:email_provider',
  create: 'create:email_provider',
  update: 'update:email_provider',
  delete: 'delete:email_provider',
};

const none = () => notFound('There is no configured email provider', 'inexistent_email_provider');

function stored(state: TenantState): JsonObject | undefined {
  const provider = state.emailProvider;
  return isJsonObject(provider) && Object.keys(provider).length > 0 ? provider : undefined;
}

/** The provider as Auth0 answers it: credentials only the fields a read returns. */
function answered(provider: JsonObject): JsonObject {
  const credentials = isJsonObject(provider.credentials) ? provider.credentials : {};
  return {
    ...copy(provider),
    credentials: Object.fromEntries(
      Object.entries(credentials).filter(([key]) => RETURNED_CREDENTIALS.includes(key)),
    ),
  };
}

/** The credentials a provider needs, and no field of another provider. */
function checkCredentials(name: string, credentials: JsonObject): void {
  const provider = PROVIDERS[name];
  if (!provider) return;
  for (const key of Object.keys(credentials)) {
    if (!(key in provider.credentials)) {
      throw invalidBody(`'Additional properties not allowed: ${key}' on property credentials.`);
    }
  }
  const missing = provider.required.find((key) => credentials[key] === undefined);
  if (missing) throw invalidBody(`'Missing required property: ${missing}' on property credentials.`);
}

function read({ store, query }: RequestContext) {
  const provider = stored(store.state);
  if (!provider) throw none();
  return ok(projectFields(answered(provider), query));
}

function create({ store, body }: RequestContext) {
  if (stored(store.state)) throw conflict('An email provider is already configured');
  const fields = validateBody(body, CREATE);
  checkCredentials(String(fields.name), fields.credentials as JsonObject);
  store.state.emailProvider = copy(fields);
  return ok(answered(store.state.emailProvider), 201);
}

/** A PATCH merges top-level fields; credentials sent replace the provider's (a changed name needs its own). */
function update({ store, body }: RequestContext) {
  const before = stored(store.state);
  if (!before) throw none();
  const fields = validateBody(body, UPDATE);
  const after = { ...copy(before), ...copy(fields) };
  const credentials = isJsonObject(fields.credentials)
    ? fields.credentials
    : fields.name !== undefined && fields.name !== before.name
      ? {}
      : (after.credentials as JsonObject);
  checkCredentials(String(after.name), credentials);
  after.credentials = copy(credentials);
  store.state.emailProvider = after;
  return ok(answered(after));
}

function remove({ store }: RequestContext) {
  if (!stored(store.state)) throw none();
  store.state.emailProvider = {};
  return noContent();
}

export const emailProviderRoutes: RouteList = [
  { method: 'GET', template: '/emails/provider', scope: SCOPES.read, handler: read },
  { method: 'POST', template: '/emails/provider', scope: SCOPES.create, handler: create },
  { method: 'PATCH', template: '/emails/provider', scope: SCOPES.update, handler: update },
  { method: 'DELETE', template: '/emails/provider', scope: SCOPES.delete, handler: remove },
] satisfies Route[];
