import { childPointer } from '../source-map';

/**
 * Defensive readers over the tenant document. The schema reports wrong shapes; the other checks still run
 * on the same document (to report everything at once), so they must never assume a shape.
 */
export type Entry = { item: Record<string, unknown>; index: number; pointer: string };

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

// Plain loops, not flatMap: these run on every item of a large tenant, many times over in one check.
export function asStrings(value: unknown): { value: string; index: number }[] {
  const strings: { value: string; index: number }[] = [];
  if (!Array.isArray(value)) return strings;
  for (let index = 0; index < value.length; index++) {
    const item: unknown = value[index];
    if (typeof item === 'string') strings.push({ value: item, index });
  }
  return strings;
}

/** The mapping items of a top-level list section, with their pointers. */
export function entriesOf(document: Record<string, unknown>, section: string): Entry[] {
  const entries: Entry[] = [];
  const items = document[section];
  if (!Array.isArray(items)) return entries;
  for (let index = 0; index < items.length; index++) {
    const record = asRecord(items[index]);
    if (record) entries.push({ item: record, index, pointer: `/${section}/${index}` });
  }
  return entries;
}

/**
 * The items of one resource type of the registry, with their pointers: a list's entries, a settings
 * object as one item, or a map's entries as `{ id, bindings }` items (as the plan sees a trigger).
 */
export function entriesOfType(
  document: Record<string, unknown>,
  type: { key: string; shape: 'list' | 'singleton' | 'map' },
): Entry[] {
  if (type.shape === 'list') return entriesOf(document, type.key);
  const section = asRecord(document[type.key]);
  if (!section) return [];
  if (type.shape === 'singleton') return [{ item: section, index: 0, pointer: `/${type.key}` }];
  return Object.entries(section).map(([id, bindings], index) => ({
    item: { id, bindings },
    index,
    pointer: childPointer(`/${type.key}`, id),
  }));
}

export function nameOf(entry: Entry): string {
  return asString(entry.item.name) ?? `#${entry.index + 1}`;
}

/** Auth0's Management API, whatever the tenant's domain: `https://<tenant domain>/api/v2/`. */
export function isManagementApiAudience(audience: string): boolean {
  return /^https:\/\/[^/\s]+\/api\/v2\/?$/.test(audience);
}
