import { ApiError, invalidQuery } from './errors';

const MAX_PER_PAGE = 100;

function integerParam(query: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  if (!/^-?\d+$/.test(raw)) {
    throw invalidQuery(`'Expected type integer but found type string' on property ${name}.`);
  }
  const value = Number(raw);
  if (value < min) throw invalidQuery(`'Value ${value} is less than minimum ${min}' on property ${name}.`);
  if (value > max) throw invalidQuery(`'Value ${value} is greater than maximum ${max}' on property ${name}.`);
  return value;
}

export function booleanParam(query: URLSearchParams, name: string): boolean | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw invalidQuery(`'Expected type boolean but found type string' on property ${name}.`);
}

/**
 * Offset paging (`page`, `per_page`, `include_totals`): a bare array, or with totals
 * `{ <key>: [...], start, limit, total }`, as most Management API lists answer.
 */
export function pageOf(
  items: readonly unknown[],
  key: string,
  query: URLSearchParams,
  defaultPerPage = 50,
  maxRecords = Number.POSITIVE_INFINITY,
) {
  const page = integerParam(query, 'page', 0, Number.MAX_SAFE_INTEGER) ?? 0;
  const perPage = integerParam(query, 'per_page', 1, MAX_PER_PAGE) ?? defaultPerPage;
  const start = page * perPage;
  if (start + perPage > maxRecords) throw beyondOffsetLimit(page, maxRecords);
  const slice = items.slice(start, start + perPage);
  if (!(booleanParam(query, 'include_totals') ?? false)) return slice;
  return { [key]: slice, start, limit: perPage, total: items.length };
}

/**
 * Offset paging as the Actions service answers it: always an object, `{ <key>, total, page, per_page }`
 * with zero-valued fields left out (its gateway omits defaults).
 */
export function actionsPageOf(items: readonly unknown[], key: string, query: URLSearchParams) {
  const page = integerParam(query, 'page', 0, Number.MAX_SAFE_INTEGER) ?? 0;
  const perPage = integerParam(query, 'per_page', 1, MAX_PER_PAGE) ?? 50;
  const start = page * perPage;
  const pageItems = items.slice(start, start + perPage);
  const body: Record<string, unknown> = { [key]: pageItems };
  // An empty page has no total, even past the last item (TestAccTriggerActions, Terraform recordings).
  if (pageItems.length > 0) body.total = items.length;
  if (page > 0) body.page = page;
  body.per_page = perPage;
  return body;
}

function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match?.[1]) throw invalidQuery(`'from' is not a valid checkpoint: ${cursor}`);
  return Number(match[1]);
}

/**
 * Checkpoint paging (`from`, `take`): `{ <key>: [...], next }`, `next` present only while more remain. The
 * cursor is opaque to clients.
 */
export function checkpointOf(items: readonly unknown[], key: string, query: URLSearchParams) {
  const take = integerParam(query, 'take', 1, MAX_PER_PAGE) ?? 50;
  const from = query.get('from');
  const start = from === null || from === '' ? 0 : decodeCursor(from);
  const body: Record<string, unknown> = { [key]: items.slice(start, start + take) };
  if (start + take < items.length) body.next = encodeCursor(start + take);
  return body;
}

/** Applies `fields` and `include_fields` (a comma-separated allow- or deny-list of top-level fields). */
export function projectFields<T extends Record<string, unknown>>(
  item: T,
  query: URLSearchParams,
  alwaysIncluded: readonly string[] = [],
): Partial<T> {
  const fields = query.get('fields');
  if (!fields) return item;
  const names = new Set(fields.split(',').map((name) => name.trim()));
  const include = booleanParam(query, 'include_fields') ?? true;
  // Auth0 answers some fields whatever `fields` asks for (a connection's id, strategy flags, ...).
  if (include) for (const name of alwaysIncluded) names.add(name);
  return Object.fromEntries(
    Object.entries(item).filter(([name]) => names.has(name) === include),
  ) as Partial<T>;
}

/**
 * The most records offset paging reaches on the endpoints where Auth0 wants checkpoints beyond that:
 * "Checkpoint pagination must be used if you need to retrieve more than 1000 organizations"
 * (https://auth0.com/docs/api/management/v2/organizations/get-organizations). A page reaching past it is
 * refused with a 400 that names checkpoint paging, the error Auth0's SDK users report
 * (https://github.com/auth0/auth0-python/issues/277; no errorCode is known for it, so none is sent).
 */
export const OFFSET_PAGING_MAX_RECORDS = 1000;

function beyondOffsetLimit(page: number, maxRecords: number): ApiError {
  return new ApiError(
    400,
    `Requesting page ${page} exceeds the allowed maximum of ${maxRecords} records. To fetch results beyond ${maxRecords}, use the checkpoint pagination method.`,
  );
}

/**
 * How a list pages: `offset` (page/per_page, totals on request), `checkpoint` (from/take), either one as
 * the request chooses (checkpoints when it sends `from` or `take`), `checkpoint-beyond-1000` (the same,
 * offset pages reaching only the first 1,000 records), or `none` (always the whole list).
 */
export type Paging = 'offset' | 'checkpoint' | 'offset-or-checkpoint' | 'checkpoint-beyond-1000' | 'none';

export function pagedList(items: readonly unknown[], key: string, query: URLSearchParams, paging: Paging) {
  const either = paging === 'offset-or-checkpoint' || paging === 'checkpoint-beyond-1000';
  const checkpoints = paging === 'checkpoint' || (either && (query.has('from') || query.has('take')));
  if (paging === 'none') return items;
  if (checkpoints) return checkpointOf(items, key, query);
  const maxRecords = paging === 'checkpoint-beyond-1000' ? OFFSET_PAGING_MAX_RECORDS : undefined;
  return pageOf(items, key, query, 50, maxRecords);
}
