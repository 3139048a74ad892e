/**
 * An organization's enabled connections in the local tenant, kept on the organization (a field its
 * answers never show) and served at both of Auth0's paths: `/organizations/{id}/connections`, which
 * deploy-cli 8.44 calls (the SDK's `organizations.connections`), and the older
 * `/organizations/{id}/enabled_connections`. Both list with offset paging (`{ connections | enabled_connections,
 * start, limit, total }` with totals), answer an entry with its connection's name and strategy, and
 * create with 201. A connection deleted from the tenant is no longer enabled anywhere.
 */
import { copy, type RouteList } from '../../local-tenant/api/common';
import {
  boolean,
  closedObject,
  nullable,
  oneOf,
  string,
  updateBody,
} from '../../local-tenant/api/schemas/json';
import { conflict, notFound } from '../../local-tenant/http/errors';
import { pageOf } from '../../local-tenant/http/paging';
import { created, noContent, ok, type RequestContext } from '../../local-tenant/http/router';
import { isJsonObject, type JsonSchema, validateBody } from '../../local-tenant/http/validate';
import type { JsonObject, TenantState } from '../../local-tenant/state/types';

/** The field of a stored organization that holds its enabled connections. */
export const ENABLED = 'enabled_connections';

const SETTINGS = { assign_membership_on_login: boolean, show_as_button: boolean, is_signup_enabled: boolean };
/** What the newer path adds (OrganizationAllConnectionPost). */
const ALL_CONNECTION_SETTINGS = {
  organization_connection_name: string,
  organization_access_level: oneOf(['none', 'readonly', 'limited', 'full']),
  is_enabled: boolean,
};
/** Auth0's defaults for an enabled connection (the SDK's documentation of each field). */
const DEFAULTS = { assign_membership_on_login: false, show_as_button: true, is_signup_enabled: false };

export const ENABLED_CONNECTION_CREATE = closedObject({ connection_id: string, ...SETTINGS }, [
  'connection_id',
]);

/** One of the two paths: its segment, the key of its lists, and the settings it takes and shows. */
interface Flavour {
  segment: 'connections' | 'enabled_connections';
  settings: Record<string, JsonSchema>;
  /** Whether an entry Auth0 keeps but has disabled (`is_enabled: false`) is shown. */
  showsDisabled: boolean;
}

const FLAVOURS: readonly Flavour[] = [
  { segment: 'connections', settings: { ...SETTINGS, ...ALL_CONNECTION_SETTINGS }, showsDisabled: true },
  { segment: 'enabled_connections', settings: SETTINGS, showsDisabled: false },
];

export function enabledOf(organization: JsonObject): JsonObject[] {
  if (!Array.isArray(organization[ENABLED])) organization[ENABLED] = [];
  return organization[ENABLED] as JsonObject[];
}

function connectionOf(state: TenantState, id: unknown): JsonObject | undefined {
  return state.connections.find((connection) => connection.id === id);
}

/** An entry as answered: with the connection's name and strategy; none for a connection since deleted. */
function rendered(state: TenantState, entry: JsonObject, flavour: Flavour): JsonObject | undefined {
  const connection = connectionOf(state, entry.connection_id);
  if (!connection) return undefined;
  if (!flavour.showsDisabled && entry.is_enabled === false) return undefined;
  const shown = Object.fromEntries(
    Object.entries(entry).filter(([key]) => key === 'connection_id' || key in flavour.settings),
  );
  if (flavour.segment === 'connections') shown.is_enabled ??= true;
  return { ...copy(shown), connection: { name: connection.name, strategy: connection.strategy } };
}

/** A new entry from a create's fields, refused when the connection does not exist or is enabled already. */
export function newEntry(state: TenantState, organization: JsonObject, fields: JsonObject): JsonObject {
  if (!connectionOf(state, fields.connection_id)) {
    throw notFound('The connection does not exist', 'inexistent_connection');
  }
  const enabled = enabledOf(organization).filter((entry) => connectionOf(state, entry.connection_id));
  if (enabled.some((entry) => entry.connection_id === fields.connection_id)) {
    throw conflict('The connection is already enabled for this organization');
  }
  return { ...DEFAULTS, ...copy(fields) };
}

/** The entries of an organization a path shows, as answered. */
function shownEntries(state: TenantState, organization: JsonObject, flavour: Flavour): JsonObject[] {
  return enabledOf(organization).flatMap((entry): JsonObject[] => {
    const shown = rendered(state, entry, flavour);
    return shown ? [shown] : [];
  });
}

type FindOrganization = (state: TenantState, id: string) => JsonObject;

function flavourRoutes(flavour: Flavour, findOrganization: FindOrganization): RouteList {
  const create = closedObject({ connection_id: string, ...flavour.settings }, ['connection_id']);
  const update = updateBody(create, {
    createOnly: ['connection_id'],
    extra:
      flavour.segment === 'connections'
        ? {
            organization_connection_name: nullable(string),
            organization_access_level: nullable(ALL_CONNECTION_SETTINGS.organization_access_level),
          }
        : {},
  });
  const organizationOf = ({ store, params }: RequestContext) =>
    findOrganization(store.state, params.id ?? '');
  const entryOf = (ctx: RequestContext) => {
    const entry = enabledOf(organizationOf(ctx)).find(
      (candidate) =>
        candidate.connection_id === ctx.params.connection_id &&
        rendered(ctx.store.state, candidate, flavour) !== undefined,
    );
    if (!entry)
      throw notFound('The connection is not enabled for this organization', 'inexistent_connection');
    return entry;
  };
  const path = `/organizations/:id/${flavour.segment}`;
  const item = `${path}/:connection_id`;
  const show = (ctx: RequestContext, entry: JsonObject) => rendered(ctx.store.state, entry, flavour) ?? {};
  return [
    {
      method: 'GET',
      template: path,
      scope: 'read:organization_connections',
      handler: (ctx) => {
        const entries = shownEntries(ctx.store.state, organizationOf(ctx), flavour);
        const wanted = ctx.query.get('is_enabled');
        const listed =
          wanted === null ? entries : entries.filter((entry) => String(entry.is_enabled) === wanted);
        return ok(pageOf(listed, flavour.segment, ctx.query));
      },
    },
    {
      method: 'POST',
      template: path,
      scope: 'create:organization_connections',
      handler: (ctx) => {
        const organization = organizationOf(ctx);
        const entry = newEntry(ctx.store.state, organization, validateBody(ctx.body, create));
        enabledOf(organization).push(entry);
        return created(show(ctx, entry));
      },
    },
    {
      method: 'GET',
      template: item,
      scope: 'read:organization_connections',
      handler: (ctx) => ok(show(ctx, entryOf(ctx))),
    },
    {
      method: 'PATCH',
      template: item,
      scope: 'update:organization_connections',
      handler: (ctx) => {
        const entry = entryOf(ctx);
        for (const [key, value] of Object.entries(validateBody(ctx.body, update))) {
          if (value === null) delete entry[key];
          else entry[key] = copy(value);
        }
        return ok(show(ctx, entry));
      },
    },
    {
      method: 'DELETE',
      template: item,
      scope: 'delete:organization_connections',
      handler: (ctx) => {
        const entry = entryOf(ctx);
        const enabled = enabledOf(organizationOf(ctx));
        enabled.splice(enabled.indexOf(entry), 1);
        return noContent();
      },
    },
  ];
}

export function enabledConnectionRoutes(findOrganization: FindOrganization): RouteList {
  return FLAVOURS.flatMap((flavour) => flavourRoutes(flavour, findOrganization));
}

/** The entries an organization's create sent (`enabled_connections`), stored with Auth0's defaults. */
export function createdEntries(state: TenantState, fields: JsonObject): JsonObject[] {
  const holder: JsonObject = { [ENABLED]: [] };
  const sent = Array.isArray(fields[ENABLED]) ? fields[ENABLED] : [];
  for (const item of sent) {
    if (!isJsonObject(item)) continue;
    enabledOf(holder).push(newEntry(state, holder, validateBody(item, ENABLED_CONNECTION_CREATE)));
  }
  return enabledOf(holder);
}

/** The enabled connections a create answers with, as the legacy path shows them. */
export function renderedEntries(state: TenantState, organization: JsonObject): JsonObject[] {
  return shownEntries(state, organization, FLAVOURS[1] as Flavour);
}
