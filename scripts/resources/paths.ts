/**
 * Dotted path patterns over resource items, as the registry writes them (`secrets.*.value`,
 * `options.configuration.*`): `*` stands for any key of a mapping or any index of a list.
 */

import { segmentsOf } from '../tenant/source-map';
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
export function valuesAt(item: unknown, pattern: string): readonly PathValue[] {
  return valuesAtParts(item, pattern.split('.'));
}

/** `valuesAt` for one pattern, read once: for a loop over every item of a large tenant. */
export function pathReader(pattern: string): (item: unknown) => readonly PathValue[] {
  const parts = pattern.split('.');
  return (item) => valuesAtParts(item, parts);
}

function valuesAtParts(item: unknown, parts: readonly string[]): readonly PathValue[] {
  // Most items have nothing at most paths: one empty answer for all of them, and no list made for it.
  return collect(item, parts, 0, undefined, undefined) ?? NOTHING;
}

const NOTHING: readonly PathValue[] = Object.freeze([]);
/**
 * The keys from the item down to where `collect` is: one list for every walk (none runs inside another,
 * and each key pushed is popped), not a new list at each step.
 */
const walked: string[] = [];

/**
 * A named part is looked up, not searched for: the check reads these paths on every item of a large
 * tenant, and listing each mapping's entries to find one key was most of the secrets check. The answer's
 * list, and each value's segments, are made only for a value found.
 */
function collect(
  node: unknown,
  parts: readonly string[],
  depth: number,
  parent: unknown,
  found: PathValue[] | undefined,
): PathValue[] | undefined {
  const part = parts[depth];
  if (part === undefined) {
    const out = found ?? [];
    out.push({ segments: walked.slice(), value: node, parent });
    return out;
  }
  let answer = found;
  if (Array.isArray(node)) {
    if (part !== '*') {
      const index = Number(part);
      if (Number.isInteger(index) && index >= 0 && String(index) === part && index < node.length) {
        walked.push(part);
        answer = collect(node[index], parts, depth + 1, node, answer);
        walked.pop();
      }
      return answer;
    }
    for (let index = 0; index < node.length; index++) {
      walked.push(String(index));
      answer = collect(node[index], parts, depth + 1, node, answer);
      walked.pop();
    }
  } else if (isRecord(node)) {
    if (part !== '*') {
      if (Object.prototype.propertyIsEnumerable.call(node, part)) {
        walked.push(part);
        answer = collect(node[part], parts, depth + 1, node, answer);
        walked.pop();
      }
      return answer;
    }
    const keys = Object.keys(node);
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index] as string;
      walked.push(key);
      answer = collect(node[key], parts, depth + 1, node, answer);
      walked.pop();
    }
  }
  return answer;
}

/** The secret path of `type` that a place inside one of its items is, if any. */
export function secretPathAt(type: ResourceType, segments: readonly string[]): SecretPath | undefined {
  return type.secrets?.find((secret) => matchesPattern(secret.path, segments));
}

/** `KEY` as a word of the name too: SIGNING_KEY, ENCRYPTION_KEY, HMAC_KEY (a public key can be a secret too). */
const SENSITIVE_NAME =
  /SECRET|TOKEN|PASSWORD|PASSWD|PASSPHRASE|API_?KEY|PRIVATE_?KEY|CREDENTIAL|(?:^|_)(?:KEY|PWD|SALT)(?:_|$)/i;

/**
 * The name a value at a secret path goes by: the key for a path ending in `*` (a configuration's
 * LEGACY_API_TOKEN), the `name` beside it for a labelled list (an Action secret's), else the field.
 */
export function secretNameAt(secret: SecretPath, found: PathValue): string {
  const field = found.segments.at(-1) ?? '';
  if (!secret.label || secret.path.endsWith('*')) return field;
  const parent = found.parent;
  const name = isRecord(parent) ? parent.name : undefined;
  return typeof name === 'string' ? name : field;
}

/**
 * Whether a value at a secret path is a secret: always, or (`by-name`) when its name looks like one. The
 * others are settings Auth0 happens to keep among secrets (an Action's USER_SYNC_TIMEOUT_MS), which an
 * environment may write as plain keywords.
 */
export function isSensitiveAt(secret: SecretPath, name: string): boolean {
  return secret.sensitive === 'always' || SENSITIVE_NAME.test(name);
}

/** Where a JSON pointer into tenant.yaml lands: its type, the item it is in, and the place inside it. */
export interface Place {
  type: ResourceType;
  /** JSON pointer of the item (`/actions/0`; `/attackProtection` for a settings object). */
  item: string;
  segments: string[];
}

export function placeOf(pointer: string): Place | undefined {
  const [key, ...rest] = segmentsOf(pointer);
  const type = key === undefined ? undefined : resourceType(key);
  if (!type || key === undefined) return undefined;
  if (type.shape === 'singleton') return { type, item: `/${key}`, segments: rest };
  const [index, ...segments] = rest;
  if (index === undefined) return undefined;
  return { type, item: `/${key}/${index}`, segments };
}
