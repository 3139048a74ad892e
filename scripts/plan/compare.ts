import type { FieldChange } from './types';

export type Rec = Record<string, unknown>;

export function isRecord(value: unknown): value is Rec {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export interface CompareOptions {
  /** Paths whose lists keep their order (trigger bindings); every other list is compared as a set. */
  ordered?: readonly string[];
  /** Paths left out of the comparison (write-only fields, compared by fingerprint instead). */
  skip?: readonly string[];
}

/**
 * What changes when `desired` is applied over `current`, the way deploy-cli applies it: only the fields
 * written in `desired` are managed (Auth0 returns many more, which a deploy leaves alone). Objects are
 * compared field by field; a list is one value, compared as a set unless its path is ordered; a list of
 * objects only on the keys the desired objects have (Auth0 adds ids and timestamps to list items).
 */
export function compareFields(
  desired: unknown,
  current: unknown,
  options: CompareOptions = {},
): FieldChange[] {
  const changes: FieldChange[] = [];
  walk(desired, current, '', options, changes);
  return changes;
}

function walk(desired: unknown, current: unknown, path: string, options: CompareOptions, out: FieldChange[]) {
  if (desired === undefined || options.skip?.includes(path)) return;
  if (isRecord(desired)) {
    const existing = isRecord(current) ? current : undefined;
    if (Object.keys(desired).length === 0 && existing === undefined && current !== undefined) {
      out.push(change(path, current, desired));
      return;
    }
    for (const [key, value] of Object.entries(desired)) {
      walk(value, existing?.[key], path ? `${path}.${key}` : key, options, out);
    }
    return;
  }
  if (Array.isArray(desired)) {
    const ordered = options.ordered?.includes(path) ?? false;
    if (!Array.isArray(current) || !sameList(desired, current, ordered))
      out.push(change(path, current, desired));
    return;
  }
  if (desired === null && (current === null || current === undefined)) return;
  if (desired !== current) out.push(change(path, current, desired));
}

function change(path: string, before: unknown, after: unknown): FieldChange {
  return { path, ...(before === undefined ? {} : { before }), after };
}

function sameList(desired: unknown[], current: unknown[], ordered: boolean): boolean {
  if (desired.length !== current.length) return false;
  const keys = new Set(desired.flatMap((item) => (isRecord(item) ? Object.keys(item) : [])));
  const project = (item: unknown) => canonical(isRecord(item) && keys.size > 0 ? pick(item, keys) : item);
  const left = desired.map(canonical);
  const right = current.map(project);
  if (!ordered) {
    left.sort();
    right.sort();
  }
  return left.every((item, index) => item === right[index]);
}

function pick(item: Rec, keys: ReadonlySet<string>): Rec {
  return Object.fromEntries(Object.entries(item).filter(([key]) => keys.has(key)));
}

/** JSON with object keys sorted, so equal values have equal text whatever their key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (isRecord(value)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys(value[key])]),
    );
  }
  return value;
}
