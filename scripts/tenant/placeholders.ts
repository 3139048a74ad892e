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
 * accepts both. Swapping the marker characters for two private-use characters of the same length keeps
 * every line and column where it was and makes the markers plain text to the YAML parser. The two are
 * chosen among those the text does not contain, so no character of the input can turn into a marker.
 */
export interface Masked {
  text: string;
  /** Turns masked text (a parsed value, a key, a parser's message) back into what was written. */
  unmask: Unmask;
}

export type Unmask = (text: string) => string;

export function maskPlaceholders(text: string): Masked {
  const [hash, at] = unusedPrivateUse(text);
  const masked = text.replace(PLACEHOLDER, (marker: string) =>
    marker.startsWith('#') ? marker.replace(/#/g, hash) : marker.replace(/@/g, at),
  );
  if (masked === text) return { text, unmask: (value) => value };
  return {
    text: masked,
    unmask: (value) =>
      value.includes(hash) || value.includes(at) ? value.replaceAll(hash, '#').replaceAll(at, '@') : value,
  };
}

/** Two characters of the Private Use Area (U+E000-U+F8FF) that `text` does not contain. */
function unusedPrivateUse(text: string): [string, string] {
  const found: string[] = [];
  for (let code = 0xe000; code <= 0xf8ff && found.length < 2; code++) {
    const candidate = String.fromCharCode(code);
    if (!text.includes(candidate)) found.push(candidate);
  }
  const [first, second] = found;
  // 6,400 characters cannot all occur in a file the size limit lets through.
  if (first === undefined || second === undefined) throw new Error('no unused private-use character');
  return [first, second];
}

/** Whether `text` can hold a marker at all: most strings cannot (a large tenant has hundreds of thousands). */
export function mayHoldPlaceholder(text: string): boolean {
  return text.includes('##') || text.includes('@@');
}

export function findPlaceholders(text: string): PlaceholderMatch[] {
  if (!mayHoldPlaceholder(text)) return [];
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

/** `text` with each placeholder replaced by what `replace` makes of it (`marker`: the placeholder as written). */
export function replacePlaceholders(
  text: string,
  replace: (match: PlaceholderMatch, marker: string) => string,
): string {
  let out = '';
  let last = 0;
  for (const match of findPlaceholders(text)) {
    out += text.slice(last, match.start) + replace(match, text.slice(match.start, match.end));
    last = match.end;
  }
  return out + text.slice(last);
}

const WHOLE_PLACEHOLDER = /^(?:##([A-Z0-9_]+)##|@@([A-Z0-9_]+)@@)$/;

/**
 * The placeholder when it is the whole string (`'##CLAIMS_NAMESPACE##'`), else undefined. One anchored
 * match, the same as "exactly one placeholder, spanning the text" since a key holds no `#` or `@`.
 */
export function wholePlaceholder(text: string): PlaceholderMatch | undefined {
  const match = WHOLE_PLACEHOLDER.exec(text);
  if (!match) return undefined;
  const kind = match[1] !== undefined ? 'string' : 'array';
  return { kind, key: match[1] ?? match[2] ?? '', start: 0, end: text.length };
}

export function placeholderText(kind: PlaceholderKind, key: string): string {
  return kind === 'string' ? `##${key}##` : `@@${key}@@`;
}
