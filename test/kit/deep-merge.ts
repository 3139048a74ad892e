/**
 * Field-by-field overrides for the kit's realistic defaults: objects merge key by key, arrays and every
 * other value replace, and a key given as `undefined` is removed (to drop an optional field such as
 * `authentication.riskAssessment`).
 */
import { isPlainObject } from '../../scripts/action-api/plain-object';

/** An override of `T`: any object may be given in part, at any depth; arrays are given whole. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends (...args: never[]) => unknown
    ? T
    : T extends object
      ? { [K in keyof T]?: DeepPartial<T[K]> | undefined }
      : T;

/** A copy of `base` with `override` applied; neither argument is modified. */
export function deepMerge<T>(base: T, override: DeepPartial<T> | undefined): T {
  return mergeValue(structuredClone(base), override) as T;
}

function mergeValue(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(override)) return cloneData(override);
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) delete merged[key];
    else merged[key] = mergeValue(base[key], value);
  }
  return merged;
}

/** Overrides may carry class instances (e.g. a Date) that structuredClone would flatten; copy plain data only. */
function cloneData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneData);
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, cloneData(inner)]));
  }
  return value;
}
