import { isMap, isScalar, isSeq, Lexer, LineCounter, type Node, parseDocument, Scalar } from 'yaml';
import { maskPlaceholders, unmaskPlaceholders } from './placeholders';
import { type Problem, problemAt } from './problem';
import { childPointer, type NodePosition, type PositionMap } from './source-map';

export interface ParsedYaml {
  /** The document as plain data (placeholders kept as written), or null when it could not be parsed. */
  data: unknown;
  sources: PositionMap;
  problems: Problem[];
}

/**
 * Parses one YAML file into plain data plus the position of every node. Syntax errors become problems
 * with positions, never exceptions. Parsed like deploy-cli's js-yaml does: merge keys on, duplicate keys
 * rejected.
 */
export function parseYamlFile(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const source = maskPlaceholders(text);
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
  if (document.errors.length > 0) return { data: null, sources: {}, problems };

  let data: unknown;
  try {
    data = unmaskData(document.toJS({ maxAliasCount: 1000 }));
  } catch (error) {
    problems.push(
      problemAt(at(0), {
        path: '',
        rule: 'yaml/syntax',
        message: error instanceof Error ? error.message : String(error),
        hint: 'avoid deeply nested aliases; write the values out',
      }),
    );
    return { data: null, sources: {}, problems };
  }

  const sources: PositionMap = {};
  if (document.contents) recordPositions(document.contents, '', sources, at);
  return { data, sources, problems };
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

function unmaskData(value: unknown): unknown {
  if (typeof value === 'string') return unmaskPlaceholders(value);
  if (Array.isArray(value)) return value.map(unmaskData);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[unmaskPlaceholders(key)] = unmaskData(item);
    return out;
  }
  return value;
}

type At = (offset: number) => { file: string; line: number; column: number };

function recordPositions(node: Node, pointer: string, out: PositionMap, at: At, key?: Node | null): void {
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
      if (value) recordPositions(value, child, out, at, keyNode);
      else if (keyNode?.range) {
        const keyAt = at(keyNode.range[0]);
        out[child] = { ...keyAt, keyLine: keyAt.line, keyColumn: keyAt.column };
      }
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      if (item) recordPositions(item as Node, childPointer(pointer, index), out, at);
    });
  }
}
