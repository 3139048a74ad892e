import { isMap, isScalar, isSeq, Lexer, LineCounter, type Node, parseDocument, Scalar } from 'yaml';
import { type Masked, maskPlaceholders, mayHoldPlaceholder, type Unmask } from './placeholders';
import { type Problem, problemAt } from './problem';
import { childPointer, type NodePosition, type PositionMap } from './source-map';
import { parseCommonYaml } from './yaml-common';
import { isPlainKey, keyProblems } from './yaml-keys';

export interface ParsedYaml {
  /** The document as plain data (placeholders kept as written), or null when it could not be parsed. */
  data: unknown;
  sources: PositionMap;
  /**
   * Pointers of the strings that may hold a `##KEY##` or `@@KEY@@` marker, in document order: the only
   * values keyword resolution changes, found while reading so it need not walk the whole tenant again.
   */
  placeholderPointers: string[];
  problems: Problem[];
}

/**
 * Parses one YAML file into plain data plus the position of every node. Syntax errors become problems
 * with positions, never exceptions. Parsed like deploy-cli's js-yaml does: merge keys on, duplicate keys
 * rejected. A file in the constructs tenant files are written in is read by the quick reader
 * (yaml-common.ts); the rest, and every file with a mistake, by `yaml`.
 */
export function parseYamlFile(text: string, file: string): ParsedYaml {
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_FILE_BYTES) {
    return unreadable([
      problemAt(
        { file, line: 1, column: 1 },
        {
          path: '',
          rule: 'files/too-large',
          message: `the file is ${(bytes / 2 ** 20).toFixed(1)} MiB; tenant files are limited to ${MAX_FILE_BYTES / 2 ** 20} MiB`,
          hint: 'a tenant this large is not configuration: move user data out of it, or split what repeats into keywords',
        },
      ),
    ]);
  }
  const masked = maskPlaceholders(text);
  // U+FFFD, and the keys the quick reader may not take, are refused by `yaml`'s path with their message.
  const quick = text.includes('\uFFFD')
    ? undefined
    : parseCommonYaml(masked.text, file, masked.unmask, isPlainKey);
  if (quick) return { ...quick, problems: [] };
  return readWithYaml(text, masked, file);
}

/** A file that could not be read: its problems, and no data. */
const unreadable = (problems: Problem[]): ParsedYaml => ({
  data: null,
  sources: {},
  placeholderPointers: [],
  problems,
});

/** The full reader, `yaml`'s: every construct, and the precise message for each mistake. Exported to compare. */
export const parseWithYaml = (text: string, file: string): ParsedYaml =>
  readWithYaml(text, maskPlaceholders(text), file);

function readWithYaml(text: string, masked: Masked, file: string): ParsedYaml {
  const { text: source, unmask: unmaskPlaceholders } = masked;
  const lineCounter = new LineCounter();
  const document = parseDocument(source, {
    lineCounter,
    merge: true,
    prettyErrors: false,
    uniqueKeys: true,
  });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };

  const problems: Problem[] = [];
  for (const error of document.errors) {
    // The parser reports an unclosed quote where the file ends; the quote that opened it is the news.
    const offset = (error.code === 'MISSING_CHAR' && unclosedQuoteAt(source)) || error.pos[0];
    problems.push(
      problemAt(at(offset), {
        path: '',
        rule: 'yaml/syntax',
        message: unmaskPlaceholders(firstLine(error.message)),
        hint: error.message.includes('quote')
          ? 'close the quote, or quote the whole value'
          : hintFor(error.code),
      }),
    );
  }
  for (const warning of document.warnings) {
    problems.push(
      problemAt(at(warning.pos[0]), {
        path: '',
        rule: 'yaml/syntax',
        severity: 'warning',
        message: unmaskPlaceholders(firstLine(warning.message)),
        hint: 'deploy-cli parses this file with js-yaml; keep to plain YAML 1.2',
      }),
    );
  }
  // Files are read as UTF-8, which turns a byte that is no character into U+FFFD: left alone, that
  // replacement character would be deployed in place of what the author meant.
  const notUtf8 = text.indexOf('\uFFFD');
  if (notUtf8 !== -1) {
    problems.push(
      problemAt(at(notUtf8), {
        path: '',
        rule: 'yaml/syntax',
        message: 'the file is not valid UTF-8 here (a byte that is no character, or a U+FFFD)',
        hint: 'save the file as UTF-8 and retype this character',
      }),
    );
  }
  if (document.contents) problems.push(...keyProblems(document, at, unmaskPlaceholders));
  if (problems.some((problem) => problem.severity === 'error')) return unreadable(problems);

  let data: unknown;
  const placeholderPointers: string[] = [];
  try {
    data = unmaskData(document.toJS({ maxAliasCount: 1000 }), unmaskPlaceholders, '', placeholderPointers);
  } catch (error) {
    problems.push(
      problemAt(at(0), {
        path: '',
        rule: 'yaml/syntax',
        message: error instanceof Error ? error.message : String(error),
        hint: 'avoid deeply nested aliases; write the values out',
      }),
    );
    return unreadable(problems);
  }

  // No prototype: a map of this size fills about twice as fast.
  const sources: PositionMap = Object.create(null) as PositionMap;
  if (document.contents) recordPositions(document.contents, '', sources, at, unmaskPlaceholders);
  return { data, sources, placeholderPointers, problems };
}

/** Offset of a quoted scalar that never closes, found with the lexer (the parser only sees the end). */
function unclosedQuoteAt(text: string): number | undefined {
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    // The lexer also yields markers that are not in the source: document start, scalar, flow scalar.
    if (token === '\x02' || token === '\x18' || token === '\x1f') continue;
    const quote = token[0];
    if ((quote === '"' || quote === "'") && (token.length === 1 || !token.trimEnd().endsWith(quote)))
      return offset;
    offset += token.length;
  }
  return undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function hintFor(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'remove or rename one of the two keys; deploy-cli rejects duplicate keys too';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
    case 'UNEXPECTED_TOKEN':
      return 'check the indentation and brackets on this line and the one before it';
    case 'TAB_AS_INDENT':
      return 'indent with spaces, not tabs';
    case 'BAD_SCALAR_START':
      return 'quote the value';
    default:
      return 'fix the YAML syntax at this position';
  }
}

/** The data with markers unmasked, each alias's value its own copy; notes where a string may hold a marker. */
function unmaskData(value: unknown, unmask: Unmask, pointer: string, placeholderPointers: string[]): unknown {
  if (typeof value === 'string') {
    const text = unmask(value);
    if (mayHoldPlaceholder(text)) placeholderPointers.push(pointer);
    return text;
  }
  if (Array.isArray(value)) {
    return value.map((item, index) =>
      unmaskData(item, unmask, childPointer(pointer, index), placeholderPointers),
    );
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    // defineProperty, not assignment: no key can reach the prototype (keyProblems refuses them first).
    for (const [key, item] of Object.entries(value)) {
      const name = unmask(key);
      Object.defineProperty(out, name, {
        value: unmaskData(item, unmask, childPointer(pointer, name), placeholderPointers),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

/** Larger than any tenant's configuration; parsing far larger files exhausts memory. */
export const MAX_FILE_BYTES = 4 * 2 ** 20;

export type At = (offset: number) => { file: string; line: number; column: number };

function recordPositions(
  node: Node,
  pointer: string,
  out: PositionMap,
  at: At,
  unmaskPlaceholders: Unmask,
  key?: Node | null,
): void {
  const start = node.range?.[0] ?? key?.range?.[0] ?? 0;
  const position: NodePosition = at(start);
  if (key?.range) {
    const keyAt = at(key.range[0]);
    position.keyLine = keyAt.line;
    position.keyColumn = keyAt.column;
  }
  if (isScalar(node) && node.type === Scalar.PLAIN && typeof node.value === 'string') position.plain = true;
  out[pointer] = position;

  if (isMap(node)) {
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const name = isScalar(keyNode) ? unmaskPlaceholders(String(keyNode.value)) : String(keyNode);
      if (name === '<<') continue; // merged keys point at their mapping; good enough for a message
      const value = pair.value as Node | null;
      const child = childPointer(pointer, name);
      if (value) recordPositions(value, child, out, at, unmaskPlaceholders, keyNode);
      else if (keyNode?.range) {
        const keyAt = at(keyNode.range[0]);
        out[child] = { ...keyAt, keyLine: keyAt.line, keyColumn: keyAt.column };
      }
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      if (item) recordPositions(item as Node, childPointer(pointer, index), out, at, unmaskPlaceholders);
    });
  }
}
