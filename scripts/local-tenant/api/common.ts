import { notFound } from '../http/errors';
import type { Route } from '../http/router';
import type { JsonObject } from '../state/types';

export const nowIso = (): string => new Date().toISOString();

/** An item as stored with its timestamps: `created_at` set by its create, `updated_at` by every write. */
export function withTimestamps(fields: JsonObject, existing: JsonObject | undefined): JsonObject {
  const at = nowIso();
  return { ...fields, created_at: existing?.created_at ?? at, updated_at: at };
}

/** A deep copy, so that answers and stored state never share objects. */
export const copy = <T>(value: T): T => structuredClone(value);

export function found<T>(value: T | undefined, message: string, errorCode: string): T {
  if (value === undefined) throw notFound(message, errorCode);
  return value;
}

/** Values of a query parameter given repeatedly or comma-separated (`strategy=a&strategy=b`, `a,b`). */
export function listParam(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((value) => value.split(','))
    .filter((value) => value !== '');
}

/** Removes `undefined` values (a PATCH sets what it names and nothing else). */
export function defined(source: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined));
}

/** Routes of one resource type share a resource name for their scopes: `read:<resource>` etc. */
export function scopes(resource: string) {
  return {
    read: `read:${resource}`,
    create: `create:${resource}`,
    update: `update:${resource}`,
    delete: `delete:${resource}`,
  };
}

export type RouteList = Route[];
