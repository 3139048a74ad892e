/**
 * Dotted path patterns over resource items, as the registry writes them (`secrets.*.value`,
 * `options.configuration.*`): `*` stands for any key of a mapping or any index of a list.
 */
import { isRecord, type ResourceType, type SecretPath } from './define';
import { resourceType } from './index';

export interface PathValue {
  /** Keys and list indices from the item down to the value. */
  segments: string[];
  value: unknown;
  /** The mapping or list that holds the value. */
  parent: unknown;
}

export function matchesPattern(pattern: string, segments: readonly string[]): boolean {
  const parts = pattern.split('.');
  return parts.length === segments.length && parts.every((part, at) => part === '*' || part === segments[at]);
}

/** Every value of `item` that `pattern` names, with where it is. */
export function valuesAt(item: unknown, pattern: string): PathValue[] {
  const found: PathValue[] = [];
  const visit = (node: unknown, parts: string[], segments: string[], parent: unknown) => {
    const [part, ...rest] = parts;
    if (part === undefined) {
      found.push({ segments, value: node, parent });
      return;
    }
    const children: [string, unknown][] = Array.isArray(node)
      ? node.map((child, index) => [String(index), child])
      : isRecord(node)
        ? Object.entries(node)
        : [];
    for (const [key, child] of children) {
      if (part === '*' || part === key) visit(child, rest, [...segments, key], node);
    }
  };
  visit(item, pattern.split('.'), [], undefined);
  return found;
}

/** The secret path of `type` that a place inside one of its items is, if any. */
export function secretPathAt(type: ResourceType, segments: readonly string[]): SecretPath | undefined {
  return type.secrets?.find((secret) => matchesPattern(secret.path, segments));
}

/** Where a JSON pointer into tenant.yaml lands: its type, the item it is in, and the place inside it. */
export interface Place {
  type: ResourceType;
  /** JSON pointer of the item (`/actions/0`; `/attackProtection` for a settings object). */
  item: string;
  segments: string[];
}

export function placeOf(pointer: string): Place | undefined {
  const [key, ...rest] = pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  const type = key === undefined ? undefined : resourceType(key);
  if (!type || key === undefined) return undefined;
  if (type.shape === 'singleton') return { type, item: `/${key}`, segments: rest };
  const [index, ...segments] = rest;
  if (index === undefined) return undefined;
  return { type, item: `/${key}/${index}`, segments };
}
