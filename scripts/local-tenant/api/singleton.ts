/**
 * The routes of a settings object the tenant has exactly one of (tenant settings, a Guardian provider, an
 * attack-protection setting): read it with GET, write it with PATCH (merged in) or PUT (replaced), made
 * from a declaration of where it lives and what a write accepts.
 */
import { projectFields } from '../http/paging';
import { type Method, ok, type RequestContext, type Route } from '../http/router';
import { type BodySchema, isJsonObject, validateBody } from '../http/validate';
import type { JsonObject, TenantState } from '../state/types';
import { copy } from './common';

export interface SingletonDeclaration {
  /** Below /api/v2: `/tenants/settings`. */
  path: string;
  scopes: { read: string; update: string };
  /**
   * Where the object lives in the tenant's state, dotted: `settings`, `attackProtection.captcha`,
   * `guardian.providers.sms/twilio`.
   */
  at: string;
  /**
   * What a read answers while nothing has been written there (the place is absent, or the empty object a
   * new tenant starts a declared `localState` object with).
   */
  initial?: JsonObject;
  schema: BodySchema;
  /** The write methods Auth0 offers (default PATCH). PUT replaces the object; PATCH merges into it. */
  methods?: readonly ('PATCH' | 'PUT')[];
  /** A PATCH merges top-level keys (`shallow`, the default) or objects key by key at every depth (`deep`). */
  merge?: 'shallow' | 'deep';
  /** A PATCH that sends null removes the key rather than storing null. */
  nullClears?: boolean;
  /** Turns a checked request into what is stored (throws ApiError for what the schema cannot say). */
  prepare?: (fields: JsonObject, current: JsonObject) => JsonObject;
  /** How the object is answered, by the method answered; default as stored. */
  render?: (value: JsonObject, method: Method) => JsonObject;
  /** A read answers only the fields named by `fields` / `include_fields`. */
  projection?: boolean;
}

/** The object at a dotted place of the state, and how to replace it. */
function slot(state: TenantState, at: string) {
  const keys = at.split('.');
  const last = keys.pop() ?? at;
  let parent: unknown = state;
  for (const key of keys) parent = isJsonObject(parent) ? parent[key] : undefined;
  if (!isJsonObject(parent)) throw new Error(`the local tenant's state has no object at ${at}`);
  const holder = parent;
  return {
    get: (): JsonObject | undefined => {
      const value = holder[last];
      return isJsonObject(value) ? value : undefined;
    },
    set: (value: JsonObject) => {
      holder[last] = value;
    },
  };
}

/** `current` with `patch` merged in, neither of them changed. */
export function merged(
  current: JsonObject,
  patch: JsonObject,
  deep: boolean,
  nullClears: boolean,
): JsonObject {
  const out = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    const existing = out[key];
    if (value === null && nullClears) delete out[key];
    else if (deep && isJsonObject(value) && isJsonObject(existing))
      out[key] = merged(existing, value, deep, nullClears);
    else out[key] = copy(value);
  }
  return out;
}

export function singletonRoutes(declaration: SingletonDeclaration): Route[] {
  const current = (state: TenantState) => {
    const value = slot(state, declaration.at).get();
    const written = value !== undefined && Object.keys(value).length > 0;
    return written ? value : copy(declaration.initial ?? value ?? {});
  };
  const answer = (value: JsonObject, method: Method) =>
    declaration.render ? declaration.render(copy(value), method) : copy(value);

  const write =
    (method: 'PATCH' | 'PUT') =>
    ({ store, body }: RequestContext) => {
      const before = current(store.state);
      const checked = validateBody(body, declaration.schema);
      const fields = declaration.prepare ? declaration.prepare(checked, before) : checked;
      const after =
        method === 'PUT'
          ? copy(fields)
          : merged(before, fields, declaration.merge === 'deep', declaration.nullClears === true);
      slot(store.state, declaration.at).set(after);
      return ok(answer(after, method));
    };

  const read = ({ store, query }: RequestContext) => {
    const value = answer(current(store.state), 'GET');
    return ok(declaration.projection ? projectFields(value, query) : value);
  };

  return [
    { method: 'GET', template: declaration.path, scope: declaration.scopes.read, handler: read },
    ...(declaration.methods ?? ['PATCH']).map(
      (method): Route => ({
        method,
        template: declaration.path,
        scope: declaration.scopes.update,
        handler: write(method),
      }),
    ),
  ];
}
