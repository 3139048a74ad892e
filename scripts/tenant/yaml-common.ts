/**
 * The quick reader of a tenant file: js-yaml (the parser deploy-cli itself reads these files with, about ten
 * times faster than `yaml`), with the position of every node taken from its parse events.
 *
 * It reads what tenant files are written in: block mappings and lists, flow lists on one line, and plain,
 * quoted and block scalars, typed by `yaml`'s own core-schema rules. For anything else (a syntax error,
 * anchors, aliases and merge keys, tags, directives, flow mappings, explicit `?` keys, a key that is not
 * text or is refused, an empty list item, a quoted scalar over several lines, the details listed at
 * UNHANDLED_DETAIL) it answers undefined, and `parseYamlFile` reads the file with `yaml`, which gives the
 * precise messages. Where both read a file they give the same data and positions
 * (yaml-common.test.ts compares them on every tenant file we have).
 */
import jsyaml from 'js-yaml';
import { Scalar, Schema } from 'yaml';
import { mayHoldPlaceholder, type Unmask } from './placeholders';
import { childPointer, type NodePosition, type PositionMap } from './source-map';

export interface CommonYaml {
  data: unknown;
  sources: PositionMap;
  /** Pointers of the strings that may hold a marker, in document order (yaml-file.ts). */
  placeholderPointers: string[];
}

/** Whether a key (as written, markers unmasked) is one the quick reader may take; `yaml`'s path refuses the rest. */
export type KeyFilter = (key: string) => boolean;

/** One composeNode call of js-yaml: where it opened and closed, and what it read. */
interface Frame {
  open: number;
  close: number;
  kind: string | null;
  result: unknown;
  children: Frame[];
}

const CORE_TAGS = new Schema({ schema: 'core' }).tags.filter(
  (tag): tag is typeof tag & { test: RegExp } => tag.default === true && tag.test !== undefined,
);
const coreTagOf = (text: string) => CORE_TAGS.find((tag) => tag.test.test(text));

/** Plain scalars typed by `yaml`'s core tags (null, bool, int, float), in its order: the same values. */
const CORE_SCALAR = new jsyaml.Type('tag:yaml.org,2002:core-scalar', {
  kind: 'scalar',
  resolve: (text: unknown) => typeof text === 'string' && coreTagOf(text) !== undefined,
  construct: (text: string) => {
    const value = coreTagOf(text)?.resolve(text, () => undefined, {});
    return value instanceof Scalar ? value.value : value;
  },
});
const SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({ implicit: [CORE_SCALAR] });

/**
 * Left to `yaml`: a directive or document marker at a line's start (one `---` first is fine), and a
 * carriage return with no line feed after it, which js-yaml reads as a line break and `yaml` refuses.
 */
const UNHANDLED_TEXT = /^(?:%|---[ \t]*\S|\.\.\.)|\n(?:%|---|\.\.\.)|\r(?!\n)/;

/**
 * Also left to `yaml`, where js-yaml reads what `yaml` refuses or reads otherwise: a `#` right after a
 * quote or a flow list's bracket or comma, a blank line holding a tab, a last line of only spaces with no
 * line break (js-yaml adds one), and (hasLongLine) a line over the implicit key limit.
 */
const UNHANDLED_DETAIL = /['"[\],]#|(?:^|\n)[ \t]*\t[ \t]*(?:\r?\n|$)|\n[ \t]+$/;

/** `yaml` refuses an implicit key whose `:` is over 1,024 characters from its start; js-yaml does not. */
const IMPLICIT_KEY_LIMIT = 1024;

/** Whether a line is longer than the key limit: by line breaks, as `[^\n]{1025}` took 80-140 ms a file. */
function hasLongLine(text: string): boolean {
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
    if (at - lineStart > IMPLICIT_KEY_LIMIT) return true;
    lineStart = at + 1;
  }
  return text.length - lineStart > IMPLICIT_KEY_LIMIT;
}

/** `text` is the masked file (placeholders.ts): `unmask` turns its strings and keys back into what was written. */
export function parseCommonYaml(
  text: string,
  file: string,
  unmask: Unmask,
  keyAllowed: KeyFilter,
): CommonYaml | undefined {
  if (
    text.charCodeAt(0) === 0xfeff ||
    UNHANDLED_TEXT.test(text) ||
    UNHANDLED_DETAIL.test(text) ||
    hasLongLine(text)
  ) {
    return undefined;
  }
  const stack: Frame[] = [];
  let root: Frame | undefined;
  let data: unknown;
  try {
    data = jsyaml.load(text, {
      schema: SCHEMA,
      listener(event, state) {
        if (event === 'open') {
          stack.push({ open: state.position, close: -1, kind: null, result: undefined, children: NONE });
          return;
        }
        const frame = stack.pop() as Frame;
        frame.close = state.position;
        frame.kind = state.kind;
        frame.result = state.result;
        const parent = stack[stack.length - 1];
        if (parent === undefined) root = frame;
        else if (parent.children === NONE) parent.children = [frame];
        else parent.children.push(frame);
      },
    });
  } catch {
    return undefined;
  }
  if (root === undefined) {
    return data === undefined ? { data: null, sources: {}, placeholderPointers: [] } : undefined;
  }
  // No prototype: a map of this size fills about twice as fast.
  const sources: PositionMap = Object.create(null) as PositionMap;
  const placeholderPointers: string[] = [];
  const read = new Reader(text, positionsIn(text, file), sources, placeholderPointers, unmask, keyAllowed);
  const copy = read.node(root, '', undefined);
  return copy === UNHANDLED ? undefined : { data: copy, sources, placeholderPointers };
}

const UNHANDLED = Symbol('unhandled');
/** Most frames (scalars) have no children: they share this empty list until one arrives. */
const NONE: Frame[] = [];

class Reader {
  constructor(
    private readonly text: string,
    private readonly at: (offset: number) => NodePosition,
    private readonly sources: PositionMap,
    private readonly placeholderPointers: string[],
    private readonly unmask: Unmask,
    private readonly keyAllowed: KeyFilter,
  ) {}

  /** The node's value as plain data, its position (and its children's) recorded; UNHANDLED to give up. */
  node(outer: Frame, pointer: string, keyOffset: number | undefined): unknown {
    const start = contentStart(this.text, outer.open);
    const first = this.text.charCodeAt(start);
    if (UNHANDLED_START.has(first)) return UNHANDLED;
    let frame = outer;
    // A value read through a key attempt (`a: [x]`, `- plain`) is one frame inside another, same result.
    while (frame.children.length === 1 && frame.children[0]?.result === frame.result) {
      frame = frame.children[0] as Frame;
    }
    // A quoted scalar or flow list over several lines: js-yaml takes its next lines at any indentation,
    // `yaml` only deeper than the block it is in.
    const quoted = frame.kind === 'scalar' && (first === QUOTE || first === DOUBLE_QUOTE);
    const flowList = frame.kind === 'sequence' && first === BRACKET;
    if (quoted || flowList) {
      const lineBreak = this.text.indexOf('\n', start);
      if (lineBreak !== -1 && lineBreak < frame.close) return UNHANDLED;
    }
    // A block scalar with an indentation indicator (`|2`): js-yaml reads some of these otherwise.
    if ((first === PIPE || first === GREATER) && /^.[^\n#]*\d/.test(this.text.slice(start, start + 8))) {
      return UNHANDLED;
    }
    const position = this.at(start);
    if (keyOffset !== undefined) {
      const key = this.at(keyOffset);
      position.keyLine = key.line;
      position.keyColumn = key.column;
    }
    if (frame.kind === 'scalar' && typeof frame.result === 'string' && !QUOTED.has(first)) {
      position.plain = true;
    }
    this.sources[pointer] = position;
    if (frame.kind === 'mapping') return this.mapping(frame, pointer);
    if (frame.kind === 'sequence') return this.sequence(frame, pointer);
    if (frame.kind !== 'scalar') return UNHANDLED;
    if (typeof frame.result !== 'string') return frame.result;
    const text = this.unmask(frame.result);
    if (mayHoldPlaceholder(text)) this.placeholderPointers.push(pointer);
    return text;
  }

  private mapping(frame: Frame, pointer: string): unknown {
    const result = frame.result as Record<string, unknown>;
    const names = Object.keys(result);
    const out: Record<string, unknown> = {};
    let child = 0;
    for (const written of names) {
      const key = frame.children[child++];
      const name = this.unmask(written);
      // `<<` merges on `yaml`'s path (merge keys on), where js-yaml without the merge type reads a key.
      if (key?.kind !== 'scalar' || key.result !== written || name === '<<' || !this.keyAllowed(name)) {
        return UNHANDLED;
      }
      const keyOffset = key.open;
      const childPath = childPointer(pointer, name);
      // A value's frame opens just after its `:` (a key's opens on the key): a key with no frame has none.
      const next = frame.children[child];
      const value = next !== undefined && isValueOpening(this.text, next.open) ? next : undefined;
      if (value) child++;
      let copy: unknown;
      if (value && value.kind !== null) {
        if (value.result !== result[written]) return UNHANDLED;
        copy = this.node(value, childPath, keyOffset);
        if (copy === UNHANDLED) return UNHANDLED;
      } else {
        if (result[written] !== null) return UNHANDLED;
        // Where `yaml` puts an empty value: after the `:` and its spaces (on a comment or the line's end).
        let empty = this.text.indexOf(':', key.close) + 1;
        while (this.text[empty] === ' ' || this.text[empty] === '\t') empty++;
        const keyAt = this.at(keyOffset);
        this.sources[childPath] = { ...this.at(empty), keyLine: keyAt.line, keyColumn: keyAt.column };
        copy = null;
      }
      // keyAllowed refuses `__proto__` (the one name whose assignment is no field), so this adds a field.
      out[name] = copy;
    }
    return child === frame.children.length ? out : UNHANDLED;
  }

  private sequence(frame: Frame, pointer: string): unknown {
    const result = frame.result as unknown[];
    if (frame.children.length !== result.length) return UNHANDLED;
    const out: unknown[] = [];
    for (const [index, item] of frame.children.entries()) {
      if (item.result !== result[index]) return UNHANDLED;
      const copy = this.node(item, childPointer(pointer, index), undefined);
      if (copy === UNHANDLED) return UNHANDLED;
      out.push(copy);
    }
    return out;
  }
}

const code = (ch: string) => ch.charCodeAt(0);
const QUOTE = code("'");
const DOUBLE_QUOTE = code('"');
const HASH = code('#');
const BRACKET = code('[');
const PIPE = code('|');
const GREATER = code('>');
/** Scalars not written plain: quoted, or a block (`|`, `>`). */
const QUOTED = new Set([QUOTE, DOUBLE_QUOTE, PIPE, GREATER]);
/** Anchors, aliases, tags, flow mappings and explicit keys: left to `yaml`. */
const UNHANDLED_START = new Set(['&', '*', '!', '{', '?'].map(code));
const SPACE = new Set([' ', '\t', '\n', '\r'].map(code));

/** A mapping value's frame opens on the space or line break after `:`; a key's opens on the key. */
function isValueOpening(text: string, offset: number): boolean {
  return offset >= text.length || SPACE.has(text.charCodeAt(offset));
}

/** Past spaces, line breaks and comments, as js-yaml's skipSeparationSpace: where the node's text starts. */
function contentStart(text: string, offset: number): number {
  let at = offset;
  for (;;) {
    const ch = text.charCodeAt(at);
    if (SPACE.has(ch)) at++;
    else if (ch === HASH) {
      while (at < text.length && text[at] !== '\n' && text[at] !== '\r') at++;
    } else return at;
  }
}

/** Offset to line and column (both from 1, lines ending at `\n`, as `yaml`'s LineCounter counts them). */
function positionsIn(text: string, file: string): (offset: number) => NodePosition {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  const startOf = (line: number) => starts[line] ?? Number.POSITIVE_INFINITY;
  // Nodes are asked for in the order they are written: the line is mostly the last one, or the next.
  let line = 0;
  return (offset) => {
    if (startOf(line) > offset || startOf(line + 2) <= offset) {
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (startOf(mid) <= offset) low = mid;
        else high = mid - 1;
      }
      line = low;
    } else if (startOf(line + 1) <= offset) line++;
    return { file, line: line + 1, column: offset - startOf(line) + 1 };
  };
}
