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

/**
 * The mapping items of a top-level list section, with their pointers. Every check and policy rule asks
 * for the clients again (twenty times in one check), so the answer is kept for the list it was made
 * from, and given again while that list still holds the same items at the same places: checked item by
 * item, which costs nothing beside making 10,000 entries anew. The answer is frozen, as it is shared.
 */
export function entriesOf(document: Record<string, unknown>, section: string): readonly Entry[] {
  const items = document[section];
  if (!Array.isArray(items)) return [];
  const bySection = ENTRIES.get(items);
  const known = bySection?.get(section);
  if (known && holdsTheSameItems(known, items)) return known;
  const entries: Entry[] = [];
  for (let index = 0; index < items.length; index++) {
    const record = asRecord(items[index]);
    if (record) entries.push(Object.freeze({ item: record, index, pointer: `/${section}/${index}` }));
  }
  Object.freeze(entries);
  if (bySection) bySection.set(section, entries);
  else ENTRIES.set(items, new Map([[section, entries]]));
  return entries;
}

const ENTRIES = new WeakMap<unknown[], Map<string, readonly Entry[]>>();

function holdsTheSameItems(entries: readonly Entry[], items: readonly unknown[]): boolean {
  let at = 0;
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    if (asRecord(item) === undefined) continue;
    const entry = entries[at++];
    if (entry === undefined || entry.item !== item || entry.index !== index) return false;
  }
  return at === entries.length;
}

/**
 * The items of one resource type of the registry, with their pointers: a list's entries, a settings
 * object as one item, or a map's entries as `{ id, bindings }` items (as the plan sees a trigger).
 */
export function entriesOfType(
  document: Record<string, unknown>,
  type: { key: string; shape: 'list' | 'singleton' | 'map' },
): readonly Entry[] {
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
