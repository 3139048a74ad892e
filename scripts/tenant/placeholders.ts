/**
 * deploy-cli's keyword markers: `##KEY##` is replaced by the keyword's value inside a string, `@@KEY@@` by
 * the JSON of the value (a whole list or mapping). deploy-cli replaces them in the raw text before parsing
 * YAML; we parse first (for positions), so the markers must survive parsing unchanged.
 *
 * Keys are upper case, as deploy-cli's own unresolved-placeholder check expects (it leaves lower-case
 * `@@password@@` alone: that is Auth0 template syntax).
 */
export type PlaceholderKind = 'string' | 'array';

export interface PlaceholderMatch {
  kind: PlaceholderKind;
  key: string;
  start: number;
  end: number;
}

const PLACEHOLDER = /##([A-Z0-9_]+)##|@@([A-Z0-9_]+)@@/g;

/**
 * Unquoted `##KEY##` would start a YAML comment and unquoted `@@KEY@@` is a syntax error, yet deploy-cli
 * accepts both. Swapping the marker characters for private-use characters of the same length keeps every
 * line and column where it was and makes the markers plain text to the YAML parser.
 */
const HASH_SENTINEL = '\uE000';
const AT_SENTINEL = '\uE001';

export function maskPlaceholders(text: string): string {
  return text.replace(PLACEHOLDER, (marker: string) =>
    marker.startsWith('#') ? marker.replace(/#/g, HASH_SENTINEL) : marker.replace(/@/g, AT_SENTINEL),
  );
}

export function unmaskPlaceholders(text: string): string {
  if (!text.includes(HASH_SENTINEL) && !text.includes(AT_SENTINEL)) return text;
  return text.replace(/\uE000/g, '#').replace(/\uE001/g, '@');
}

export function findPlaceholders(text: string): PlaceholderMatch[] {
  if (!text.includes('##') && !text.includes('@@')) return [];
  const found: PlaceholderMatch[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const key = match[1] ?? match[2] ?? '';
    found.push({
      kind: match[1] !== undefined ? 'string' : 'array',
      key,
      start: match.index,
      end: match.index + match[0].length,
    });
  }
  return found;
}

/** The placeholder when it is the whole string (`'##CLAIMS_NAMESPACE##'`), else undefined. */
export function wholePlaceholder(text: string): PlaceholderMatch | undefined {
  const found = findPlaceholders(text);
  const only = found[0];
  return found.length === 1 && only && only.start === 0 && only.end === text.length ? only : undefined;
}

export function placeholderText(kind: PlaceholderKind, key: string): string {
  return kind === 'string' ? `##${key}##` : `@@${key}@@`;
}
