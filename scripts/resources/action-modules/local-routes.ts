/**
 * The local tenant's /actions/modules, as the Terraform provider's recordings show Auth0 answering: a
 * create answered 201 with the module's draft (secrets by name only, `all_changes_published` false), a
 * PATCH answered 200 that leaves the draft unpublished, a delete with 204. Publishing
 * (`POST /actions/modules/{id}/versions`, answered 200) freezes the draft as the next numbered version;
 * lists page by `page`/`per_page` with the page's own count as `total`, as recorded. An Action names a
 * version of a module in its `modules`; `moduleReferences` resolves those for the actions routes.
 */
import {
  type CollectionDeclaration,
  collectionRoutes,
  findItem,
  itemsIn,
} from '../../local-tenant/api/collection';
import { copy, defined, found, nowIso } from '../../local-tenant/api/common';
import { array, boolean, closedObject, string, updateBody } from '../../local-tenant/api/schemas/json';
import { mergeSecrets } from '../../local-tenant/api/write-only-secrets';
import { ApiError, notFound } from '../../local-tenant/http/errors';
import { ok, type RequestContext, type Route } from '../../local-tenant/http/router';
import { isJsonObject } from '../../local-tenant/http/validate';
import { newUuid } from '../../local-tenant/ids';
import type { ActionSecret, JsonObject, TenantState } from '../../local-tenant/state/types';

const CREATE = closedObject(
  { name: string, code: string, secrets: array, dependencies: array, api_version: string, publish: boolean },
  ['name', 'code'],
);
const UPDATE = updateBody(CREATE, { createOnly: ['name', 'api_version', 'publish'] });

// Auth0's Actions scopes cover their modules too.
const SCOPES = {
  read: 'read:actions',
  create: 'create:actions',
  update: 'update:actions',
  delete: 'delete:actions',
};

const MISSING_MODULE = { message: 'That action module does not exist.', errorCode: 'not_found' };

/** A published version as stored: the draft as it was, numbered. */
interface ModuleVersion extends JsonObject {
  id: string;
  version_number: number;
  code: string;
  dependencies: JsonObject[];
  secrets: { name: string; updated_at: string }[];
  created_at: string;
}

const versionsOf = (module: JsonObject): ModuleVersion[] => (module.versions ?? []) as ModuleVersion[];
const secretNames = (secrets: unknown) =>
  ((secrets ?? []) as ActionSecret[]).map(({ name, updated_at }) => ({ name, updated_at }));

/** Deployed Actions whose deployed version uses the module (Auth0's `actions_using_module_total`). */
function actionsUsing(state: TenantState, moduleId: unknown): number {
  return state.actions.filter((action) =>
    action.versions
      .find((version) => version.id === action.deployed_version_id)
      ?.modules?.some((reference) => reference.module_id === moduleId),
  ).length;
}

function renderVersion(module: JsonObject, version: ModuleVersion): JsonObject {
  const { id, version_number, code, dependencies, secrets, created_at } = copy(version);
  return { id, module_id: module.id, version_number, code, secrets, dependencies, created_at };
}

/** The draft and its counters; a read by id also shows the latest version, the list its number. */
function render(module: JsonObject, state: TenantState, shape: 'item' | 'list-item'): JsonObject {
  const latest = versionsOf(module).at(-1);
  const { id, name, code, dependencies, all_changes_published, created_at, updated_at } = copy(module);
  const latestPart =
    shape === 'list-item'
      ? { latest_version_number: latest?.version_number }
      : latest && {
          latest_version: {
            id: latest.id,
            version_number: latest.version_number,
            code: latest.code,
            dependencies: copy(latest.dependencies),
            secrets: copy(latest.secrets),
          },
        };
  return defined({
    id,
    name,
    code,
    dependencies,
    secrets: secretNames(module.secrets),
    all_changes_published,
    actions_using_module_total: actionsUsing(state, id),
    created_at,
    updated_at,
    ...latestPart,
  });
}

/** The draft as stored after a create or an update: secrets merged, unpublished until published. */
function draft(fields: JsonObject, existing: JsonObject | undefined): JsonObject {
  const at = nowIso();
  const { publish: _publish, ...rest } = fields;
  return {
    ...rest,
    dependencies: copy((fields.dependencies ?? existing?.dependencies ?? []) as JsonObject[]),
    secrets: mergeSecrets(
      (existing?.secrets ?? []) as ActionSecret[],
      (fields.secrets ?? existing?.secrets ?? []) as unknown[],
      at,
    ),
    all_changes_published: false,
    versions: existing?.versions ?? [],
    created_at: existing?.created_at ?? at,
    updated_at: at,
  };
}

function publish(module: JsonObject): ModuleVersion {
  const versions = versionsOf(module);
  const version: ModuleVersion = {
    id: newUuid(),
    version_number: versions.length + 1,
    code: String(module.code ?? ''),
    dependencies: copy((module.dependencies ?? []) as JsonObject[]),
    secrets: secretNames(module.secrets),
    created_at: nowIso(),
  };
  module.versions = [...versions, version];
  module.all_changes_published = true;
  return version;
}

const moduleCollection: CollectionDeclaration = {
  path: '/actions/modules',
  field: 'actionModules',
  id: { field: 'id', generate: newUuid },
  scopes: SCOPES,
  schemas: { create: CREATE, update: UPDATE },
  notFound: MISSING_MODULE,
  unique: [
    {
      fields: ['name'],
      message: (module) => `An action module with the name '${String(module.name)}' already exists.`,
      errorCode: 'already_exists',
    },
  ],
  list: { key: 'modules', paging: 'offset' },
  prepare: (fields, _state, existing) => draft(fields, existing),
  render: (module, state) => render(module, state, 'item'),
  onDelete: (module, state) => {
    if (actionsUsing(state, module.id) > 0) {
      throw new ApiError(409, 'The action module is used by deployed actions.', 'conflict');
    }
  },
};

/** `{ <key>: [...], total, page, per_page }`: `total` counts the page's items, as Auth0 answers. */
function pageOfModules(items: readonly JsonObject[], key: string, query: URLSearchParams): JsonObject {
  const page = Math.max(0, Number(query.get('page') ?? 0) || 0);
  const perPage = Math.min(100, Math.max(1, Number(query.get('per_page') ?? 50) || 50));
  const slice = items.slice(page * perPage, (page + 1) * perPage);
  return { [key]: slice, total: slice.length, page, per_page: perPage };
}

const findModule = ({ store, params }: RequestContext) =>
  findItem(moduleCollection, store.state, params.id ?? '');

const isList = (route: Route) => route.method === 'GET' && route.template === '/actions/modules';

/** A create with `publish: true` publishes the new draft at once. */
function publishingOnCreate(route: Route): Route {
  if (route.method !== 'POST') return route;
  return {
    ...route,
    handler: async (ctx) => {
      const reply = await route.handler(ctx);
      if (!isJsonObject(ctx.body) || ctx.body.publish !== true || !isJsonObject(reply.body)) return reply;
      const module = findModule({ ...ctx, params: { id: String(reply.body.id) } });
      publish(module);
      return { ...reply, body: render(module, ctx.store.state, 'item') };
    },
  };
}

export const actionModuleRoutes: Route[] = [
  {
    method: 'GET',
    template: '/actions/modules',
    scope: SCOPES.read,
    handler: ({ store, query }) => {
      const modules = itemsIn(store.state, 'actionModules').map((module) =>
        render(module, store.state, 'list-item'),
      );
      return ok(pageOfModules(modules, 'modules', query));
    },
  },
  ...collectionRoutes(moduleCollection)
    .filter((route) => !isList(route))
    .map(publishingOnCreate),
  {
    method: 'POST',
    template: '/actions/modules/:id/versions',
    scope: SCOPES.create,
    handler: (ctx) => {
      const module = findModule(ctx);
      return ok(renderVersion(module, publish(module)));
    },
  },
  {
    method: 'GET',
    template: '/actions/modules/:id/versions',
    scope: SCOPES.read,
    handler: (ctx) => {
      const module = findModule(ctx);
      const versions = [...versionsOf(module)].reverse().map((version) => renderVersion(module, version));
      return ok(pageOfModules(versions, 'versions', ctx.query));
    },
  },
  {
    method: 'GET',
    template: '/actions/modules/:id/versions/:versionId',
    scope: SCOPES.read,
    handler: (ctx) => {
      const module = findModule(ctx);
      const version = found(
        versionsOf(module).find((candidate) => candidate.id === ctx.params.versionId),
        'That action module version does not exist.',
        'not_found',
      );
      return ok(renderVersion(module, version));
    },
  },
];

/**
 * An Action's `modules` as Auth0 keeps them: each names a published version of a module, by ids (as
 * deploy-cli sends them) or by name and number; all four are stored. One naming no version is refused.
 */
export function moduleReferences(state: TenantState, references: unknown[]): JsonObject[] {
  const modules = itemsIn(state, 'actionModules');
  return references.filter(isJsonObject).map((reference) => {
    const module = modules.find(
      (candidate) => candidate.id === reference.module_id || candidate.name === reference.module_name,
    );
    const version = versionsOf(module ?? {}).find(
      (candidate) =>
        candidate.id === reference.module_version_id ||
        candidate.version_number === reference.module_version_number,
    );
    if (!module || !version) {
      throw notFound(
        `Action module ${String(reference.module_name ?? reference.module_id)} has no version ${String(reference.module_version_number ?? reference.module_version_id)}.`,
        'not_found',
      );
    }
    return {
      module_id: module.id,
      module_name: module.name,
      module_version_id: version.id,
      module_version_number: version.version_number,
    };
  });
}
