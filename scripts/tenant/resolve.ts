import { parse as parseYaml } from 'yaml';
import { declarationProblems } from './keyword-declarations';
import { keywordPositions } from './keyword-positions';
import { isRecord, type LoadedTenant, type SecretSource, type TenantDocument } from './load';
import { findPlaceholders, mayHoldPlaceholder, replacePlaceholders, wholePlaceholder } from './placeholders';
import { type Problem, problemAt } from './problem';
import { POLICY_WAIVERS_KEY } from './schema/waivers';
import {
  childPointer,
  locate,
  type PositionMap,
  readablePath,
  segmentsOf,
  unescapePointerSegment,
} from './source-map';

/** A secret placeholder left in the resolved document, for the deploy stage to fill from its source. */
export interface SecretPlaceholder {
  key: string;
  source: SecretSource | undefined;
  /** JSON pointer of the string holding the placeholder, in the resolved document. */
  pointer: string;
  path: string;
  file: string;
  line: number;
  column: number;
  /** The placeholder is the whole string (`'##USER_SYNC_TOKEN##'`), not part of a longer one. */
  whole: boolean;
}

export interface ResolvedTenant {
  /** tenant.yaml with keywords substituted, secret placeholders kept, and our `x-policy-waivers` removed. */
  tenant: TenantDocument;
  /** Positions for the resolved document: a value that came whole from a keyword points into the environment file. */
  sources: PositionMap;
  secretPlaceholders: SecretPlaceholder[];
  /**
   * Every value substituted whole from a keyword: its pointer and the keyword's name. A list, not a map:
   * a large tenant has tens of thousands, and the one reader that needs a lookup rarely does.
   */
  keywordOrigins: [pointer: string, keyword: string][];
  /** Pointers still holding a placeholder nobody defined (already reported). */
  unresolved: string[];
  problems: Problem[];
}

/**
 * Substitutes the environment's keywords the way deploy-cli does (`##KEY##` as text, `@@KEY@@` as a whole
 * value; an unquoted `##KEY##` takes the keyword's type), on parsed data so every value keeps a position.
 * Secrets stay placeholders: their values are only read at deploy time.
 */
export function resolveKeywords(loaded: LoadedTenant): ResolvedTenant {
  const env = loaded.environment;
  const envFile = env?.file ?? loaded.file;
  const envSources = env?.sources ?? {};
  const problems: Problem[] = [];
  const secretPlaceholders: SecretPlaceholder[] = [];
  const keywordOrigins: [pointer: string, keyword: string][] = [];
  const unresolved: string[] = [];
  const missing = new Map<string, { pointer: string; count: number }>();
  const used = new Set<string>();
  const reported = new Set<string>();
  const { sources, setPosition, mapSubtree } = keywordPositions(loaded.sources, envSources);
  const markers = new Map<string, boolean>();
  const holdsMarker = (key: string, value: unknown) => {
    let holds = markers.get(key);
    if (holds === undefined) {
      holds = anyString(value, mayHoldPlaceholder);
      markers.set(key, holds);
    }
    return holds;
  };

  const keywordPosition = (key: string) => locate(envSources, childPointer('/keywords', key), envFile);

  const report = (
    pointer: string,
    rule: string,
    message: string,
    hint: string,
    onceKey = `${rule}:${pointer}`,
  ) => {
    if (reported.has(onceKey)) return;
    reported.add(onceKey);
    problems.push(
      problemAt(locate(sources, pointer, loaded.file), {
        path: readablePath(loaded.tenant, pointer),
        rule,
        message,
        hint,
      }),
    );
  };

  const noteMissing = (key: string, pointer: string) => {
    const seen = missing.get(key);
    if (seen) seen.count += 1;
    else missing.set(key, { pointer, count: 1 });
    unresolved.push(pointer);
  };

  // Outside a keyword's value, a position is the file's own: no need to ask where keywords went.
  const noteSecret = (key: string, pointer: string, whole: boolean, inKeyword: boolean) => {
    const at = locate(inKeyword ? sources : loaded.sources, pointer, loaded.file);
    secretPlaceholders.push({
      key,
      source: loaded.secrets[key],
      pointer,
      path: readablePath(loaded.tenant, pointer),
      file: at.file,
      line: at.line,
      column: at.column,
      whole,
    });
  };

  // A tenant uses a few keywords thousands of times: each text is read once (its key, found in the maps).
  const wholeOf = new Map<string, ReturnType<typeof wholePlaceholder> | null>();
  const resolveString = (text: string, pointer: string, inKeyword: boolean): unknown => {
    let whole = wholeOf.get(text);
    if (whole === undefined) {
      whole = wholePlaceholder(text) ?? null;
      wholeOf.set(text, whole);
    }
    if (whole) {
      const { key, kind } = whole;
      used.add(key);
      if (key in loaded.secrets) {
        noteSecret(key, pointer, true, inKeyword);
        return text;
      }
      if (!(key in loaded.keywords)) {
        noteMissing(key, pointer);
        return text;
      }
      const value = loaded.keywords[key];
      if (value === null || value === undefined) {
        // The environment file's schema check reports the empty keyword.
        unresolved.push(pointer);
        return text;
      }
      const origin: [pointer: string, keyword: string] = [pointer, key];
      keywordOrigins.push(origin);
      if (kind === 'array' || typeof value === 'object') {
        if (kind === 'string') {
          report(
            pointer,
            'keywords/not-text',
            `keyword ${key} is a ${Array.isArray(value) ? 'list' : 'mapping'}, but ##${key}## inserts text`,
            `write "@@${key}@@" to insert a whole list or mapping`,
          );
          return text;
        }
        mapSubtree(origin);
        // A copy for each use, so no use shares objects with another or with the environment. A value
        // with no marker inside (most are) needs no pointers to copy it: a large tenant has thousands of uses.
        return holdsMarker(key, value) ? resolveInsideKeyword(value, pointer) : copyData(value);
      }
      setPosition(pointer, keywordPosition(key));
      // deploy-cli substitutes in the raw text: unquoted, `true` and `3600` become a boolean and a number.
      if (loaded.sources[pointer]?.plain) return typed(value);
      return String(value);
    }

    return replacePlaceholders(text, (match, marker) => {
      used.add(match.key);
      if (match.kind === 'array') {
        report(
          pointer,
          'keywords/list-inside-text',
          `@@${match.key}@@ inserts a whole value, but here it is part of a longer string`,
          `use ##${match.key}## to insert text, or make @@${match.key}@@ the whole value`,
        );
        return marker;
      }
      if (match.key in loaded.secrets) {
        noteSecret(match.key, pointer, false, inKeyword);
        return marker;
      }
      if (!(match.key in loaded.keywords)) {
        noteMissing(match.key, pointer);
        return marker;
      }
      const value = loaded.keywords[match.key];
      if (value !== null && typeof value === 'object') {
        report(
          pointer,
          'keywords/not-text',
          `keyword ${match.key} is a ${Array.isArray(value) ? 'list' : 'mapping'} and cannot go inside a string`,
          `give ${match.key} a plain text value in ${envFile}`,
        );
        return marker;
      }
      return String(value);
    });
  };

  /**
   * A list or mapping keyword's own `##NAME##` placeholders, as deploy-cli replaces them (every `@@` first,
   * then every `##`): a secret's stays for the deploy to fill (a log stream's sink, say, whose type differs
   * per environment, with its API key from `secrets:`). A `@@` inside one stays as it is, and
   * `keywords/nested` refuses it.
   */
  const resolveInsideKeyword = (value: unknown, pointer: string): unknown => {
    if (typeof value === 'string') {
      return findPlaceholders(value).some((match) => match.kind === 'array')
        ? value
        : resolveString(value, pointer, true);
    }
    if (Array.isArray(value))
      return value.map((item, index) => resolveInsideKeyword(item, childPointer(pointer, index)));
    if (isRecord(value)) {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [
          key,
          resolveInsideKeyword(item, childPointer(pointer, key)),
        ]),
      );
    }
    return value;
  };

  const tenant = replaceStrings(loaded.tenant, loaded.placeholderPointers, (text, pointer) =>
    resolveString(text, pointer, false),
  );

  for (const [key, { pointer, count }] of missing) {
    problems.push(
      problemAt(locate(sources, pointer, loaded.file), {
        path: readablePath(tenant, pointer),
        rule: 'keywords/undefined',
        message: `keyword ${key} is not defined for environment "${loaded.env}"${count > 1 ? ` (used ${count} times)` : ''}`,
        hint: `add ${key} to ${envFile}: under keywords: (a plain value) or under secrets: (the environment variable it is read from)`,
      }),
    );
  }
  if (env) problems.push(...declarationProblems(loaded, used, envFile));
  return { tenant, sources, secretPlaceholders, keywordOrigins, unresolved, problems };
}

const WAIVERS_POINTER = `/${POLICY_WAIVERS_KEY}`;

/**
 * The tenant with the strings at `pointers` replaced, without our `x-policy-waivers`. Only the strings the
 * reader found a marker in can change, so only the mappings and lists on their way are copied; the rest
 * is shared with the loaded tenant, which no stage changes (the build changes its own copy). A large tenant
 * has hundreds of thousands of plain values: walking and copying them all was most of the check's garbage.
 */
function replaceStrings(
  source: TenantDocument | null,
  pointers: readonly string[],
  replace: (text: string, pointer: string) => unknown,
): TenantDocument {
  if (!source) return {};
  const root: TenantDocument = { ...source };
  delete root[POLICY_WAIVERS_KEY];
  type Container = Record<string, unknown>;
  // Markers come in document order, a few to a client: the last one's parent is often this one's too.
  let parent = { pointer: '', original: source as Container, copy: root as Container };
  for (let index = 0; index < pointers.length; index++) {
    const pointer = pointers[index] as string;
    // Our waivers are not the tenant's: nothing under them is resolved (the name needs no escaping).
    if (pointer === WAIVERS_POINTER || pointer.startsWith(`${WAIVERS_POINTER}/`)) continue;
    const cut = pointer.lastIndexOf('/');
    if (cut !== parent.pointer.length || !pointer.startsWith(parent.pointer)) {
      const above = pointer.slice(0, cut);
      const segments = segmentsOf(above);
      let original = source as Container;
      let copy = root as Container;
      for (let at = 0; at < segments.length; at++) {
        const segment = segments[at] as string;
        const next = original[segment] as Container;
        let nextCopy = copy[segment] as Container;
        // Still the loaded tenant's own: the first marker under it copies it.
        if (nextCopy === next) {
          nextCopy = (Array.isArray(next) ? next.slice() : { ...next }) as Container;
          copy[segment] = nextCopy;
        }
        original = next;
        copy = nextCopy;
      }
      parent = { pointer: above, original, copy };
    }
    const last = unescapePointerSegment(pointer.slice(cut + 1));
    const text = parent.original[last];
    if (typeof text !== 'string') throw new Error(`resolveKeywords: no string at ${pointer}`);
    parent.copy[last] = replace(text, pointer);
  }
  return root;
}

/** Parsed data (lists, mappings, scalars) copied deep. */
function copyData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyData);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  // The loader refuses `__proto__` and the other prototype names as keys, so plain assignment is safe.
  const keys = Object.keys(value);
  for (let at = 0; at < keys.length; at++) {
    const key = keys[at] as string;
    out[key] = copyData(value[key]);
  }
  return out;
}

/** Whether any string inside `value` passes `test`. */
function anyString(value: unknown, test: (text: string) => boolean): boolean {
  if (typeof value === 'string') return test(value);
  if (Array.isArray(value)) return value.some((item) => anyString(item, test));
  return isRecord(value) && Object.values(value).some((item) => anyString(item, test));
}

/** An unquoted `##KEY##` becomes whatever YAML makes of the value's text, as after deploy-cli's replacement. */
function typed(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    const parsed: unknown = parseYaml(value);
    return parsed === null || typeof parsed !== 'object' ? parsed : value;
  } catch {
    return value;
  }
}
