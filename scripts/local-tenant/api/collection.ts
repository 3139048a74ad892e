/**
 * The routes of a collection type (list, create, read, update and delete by id) made from a declaration of
 * what is particular to it: where it lives, how Auth0 names and pages it, what it fills in, what must be
 * unique. A type writes by hand only what the declaration cannot say (its sub-routes, say).
 */
import { ApiError } from '../http/errors';
import { type Paging, pagedList, projectFields } from '../http/paging';
import { created, noContent, ok, type Reply, type RequestContext, type Route } from '../http/router';
import { type BodySchema, isJsonObject, validateBody } from '../http/validate';
import type { JsonObject, TenantState } from '../state/types';
import { copy, found } from './common';

/** The items of a list field of the state (one a type declares in its `localState`). */
export function itemsIn(state: TenantState, field: string): JsonObject[] {
  const holder: unknown = state;
  const items = isJsonObject(holder) ? holder[field] : undefined;
  if (!Array.isArray(items)) throw new Error(`the local tenant's state has no list "${field}"`);
  return items as JsonObject[];
}

/** Which answer an item is rendered for, and the scopes of the caller it goes to. */
export interface RenderContext {
  purpose: 'read' | 'create' | 'update';
  scopes: ReadonlySet<string>;
}

/** Fields no two items may share: a create or update that would repeat them is Auth0's 409. */
export interface Uniqueness {
  /** Together: a role's `name`; a grant's `client_id`, `audience` and `subject_type`. */
  fields: readonly string[];
  message: string | ((item: JsonObject) => string);
  /** Default `conflict`. */
  errorCode?: string;
}

export interface CollectionDeclaration {
  /** Below /api/v2: `/roles`. An item is at `<path>/:id`. */
  path: string;
  /** The list field of the state the items live in, as the type's `localState` declares it. */
  field: string;
  /** The field that identifies an item, and how a create makes its value. */
  id: { field: string; generate: () => string };
  /** Other fields a path may name an item by (a resource server's `identifier`). */
  alsoFoundBy?: readonly string[];
  scopes: { read: string; create: string; update: string; delete: string };
  schemas: { create: BodySchema; update: BodySchema };
  /** The 404 for a path that names no item. */
  notFound: { message: string; errorCode: string };
  unique?: readonly Uniqueness[];
  list: {
    /** The key of the list in an answer with totals or a checkpoint: `{ roles: [...], total }`. */
    key: string;
    paging: Paging;
    /** The items a list request asks for (`name_filter`, `strategy`, ...); default all. */
    filter?: (query: URLSearchParams) => (item: JsonObject) => boolean;
    /** What a list shows of an item when not all of it (a form's or flow's body is read by id). */
    summary?: (item: JsonObject) => JsonObject;
  };
  /** What a create fills in that the request leaves out (the request's fields win). */
  defaults?: JsonObject | ((fields: JsonObject, state: TenantState) => JsonObject);
  /** Checks beyond the schema (references that must exist, what a system item refuses); throws ApiError. */
  check?: (fields: JsonObject, state: TenantState, existing?: JsonObject) => void;
  /** Turns a checked request into what is stored (lists deduplicated, values kept); runs after `check`. */
  prepare?: (fields: JsonObject, state: TenantState, existing?: JsonObject) => JsonObject;
  /** A PATCH that sends null removes the field rather than storing null. */
  nullClears?: boolean;
  /** How an item is answered (secrets left out, ciphertext shown); default as stored. */
  render?: (item: JsonObject, state: TenantState, context: RenderContext) => JsonObject;
  /** Reads (list and get) answer only the fields named by `fields` / `include_fields`. */
  projection?: boolean;
  /** Fields a read answers even when `fields` (with include_fields) leaves them out, as Auth0 does. */
  alwaysIncluded?: readonly string[];
  /** The answer to a create, given the item as rendered, when not Auth0's usual 201 with the item. */
  created?: (answer: JsonObject) => Reply;
  /** The answer to a delete, when not Auth0's usual 204. */
  deleted?: (item: JsonObject) => Reply;
  /** A delete of an item that does not exist (any more) answers 204, not 404, as Auth0 does for some types. */
  deleteIsIdempotent?: boolean;
  /** Runs before an item is deleted: refuses (throws ApiError) or removes what goes with it. */
  onDelete?: (item: JsonObject, state: TenantState) => void;
}

/** The item a path names, if there is one. */
function lookupItem(declaration: CollectionDeclaration, state: TenantState, id: string) {
  const keys = [declaration.id.field, ...(declaration.alsoFoundBy ?? [])];
  return itemsIn(state, declaration.field).find((item) => keys.some((key) => item[key] === id));
}

/** The item a path names, or the declared 404. */
export function findItem(declaration: CollectionDeclaration, state: TenantState, id: string): JsonObject {
  return found(
    lookupItem(declaration, state, id),
    declaration.notFound.message,
    declaration.notFound.errorCode,
  );
}

function checkUnique(
  declaration: CollectionDeclaration,
  state: TenantState,
  candidate: JsonObject,
  self?: JsonObject,
) {
  for (const rule of declaration.unique ?? []) {
    const clash = itemsIn(state, declaration.field).some(
      (other) => other !== self && rule.fields.every((field) => other[field] === candidate[field]),
    );
    if (clash) {
      const message = typeof rule.message === 'string' ? rule.message : rule.message(candidate);
      throw new ApiError(409, message, rule.errorCode ?? 'conflict');
    }
  }
}

export function collectionRoutes(declaration: CollectionDeclaration): Route[] {
  const { path, scopes, schemas } = declaration;
  const render = (item: JsonObject, purpose: RenderContext['purpose'], { store, scopes }: RequestContext) =>
    declaration.render ? declaration.render(item, store.state, { purpose, scopes }) : copy(item);
  const read = (item: JsonObject, ctx: RequestContext) =>
    declaration.projection
      ? projectFields(render(item, 'read', ctx), ctx.query, declaration.alwaysIncluded)
      : render(item, 'read', ctx);
  const find = ({ store, params }: RequestContext) => findItem(declaration, store.state, params.id ?? '');

  /** A request's fields as checked and prepared for the state. */
  function checked(fields: JsonObject, state: TenantState, existing?: JsonObject): JsonObject {
    declaration.check?.(fields, state, existing);
    return declaration.prepare ? declaration.prepare(fields, state, existing) : fields;
  }

  function list(ctx: RequestContext) {
    const wanted = declaration.list.filter?.(ctx.query) ?? (() => true);
    const items = itemsIn(ctx.store.state, declaration.field)
      .filter(wanted)
      .map((item) => read(item, ctx))
      .map(declaration.list.summary ?? ((item) => item));
    return ok(pagedList(items, declaration.list.key, ctx.query, declaration.list.paging));
  }

  function create(ctx: RequestContext) {
    const state = ctx.store.state;
    const fields = checked(validateBody(ctx.body, schemas.create), state);
    const id = declaration.id.generate();
    const defaults =
      typeof declaration.defaults === 'function' ? declaration.defaults(fields, state) : declaration.defaults;
    const item: JsonObject = { [declaration.id.field]: id, ...copy(defaults), ...copy(fields) };
    item[declaration.id.field] = id;
    checkUnique(declaration, state, item);
    itemsIn(state, declaration.field).push(item);
    const answer = render(item, 'create', ctx);
    return declaration.created ? declaration.created(answer) : created(answer);
  }

  function update(ctx: RequestContext) {
    const state = ctx.store.state;
    const item = find(ctx);
    const fields = checked(validateBody(ctx.body, schemas.update), state, item);
    const namesUnique = (declaration.unique ?? []).some((rule) =>
      rule.fields.some((field) => field in fields),
    );
    if (namesUnique) checkUnique(declaration, state, { ...item, ...fields }, item);
    for (const [key, value] of Object.entries(copy(fields))) {
      if (value === null && declaration.nullClears) delete item[key];
      else item[key] = value;
    }
    return ok(render(item, 'update', ctx));
  }

  function remove(ctx: RequestContext) {
    const hit = lookupItem(declaration, ctx.store.state, ctx.params.id ?? '');
    if (!hit && declaration.deleteIsIdempotent) return noContent();
    const item = found(hit, declaration.notFound.message, declaration.notFound.errorCode);
    declaration.onDelete?.(item, ctx.store.state);
    const items = itemsIn(ctx.store.state, declaration.field);
    items.splice(items.indexOf(item), 1);
    return declaration.deleted ? declaration.deleted(item) : noContent();
  }

  const itemPath = `${path}/:id`;
  return [
    { method: 'GET', template: path, scope: scopes.read, handler: list },
    { method: 'POST', template: path, scope: scopes.create, handler: create },
    { method: 'GET', template: itemPath, scope: scopes.read, handler: (ctx) => ok(read(find(ctx), ctx)) },
    { method: 'PATCH', template: itemPath, scope: scopes.update, handler: update },
    { method: 'DELETE', template: itemPath, scope: scopes.delete, handler: remove },
  ];
}
