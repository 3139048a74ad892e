import type { SourcePosition } from './problem';

/**
 * Where each node of a YAML document sits. Keys are JSON pointers (`/clients/0/grant_types/1`), the same
 * form ajv reports as `instancePath`, so a schema error finds its line without translation.
 */
export interface NodePosition extends SourcePosition {
  /** Where the mapping key of this node starts, when the node is a mapping value. */
  keyLine?: number;
  keyColumn?: number;
  /** The scalar was written unquoted: a `##KEY##` filling it takes the keyword's type, as in deploy-cli. */
  plain?: boolean;
}

export type PositionMap = Record<string, NodePosition>;

export function escapePointerSegment(segment: string | number): string {
  const text = String(segment);
  return text.includes('~') || text.includes('/') ? text.replace(/~/g, '~0').replace(/\//g, '~1') : text;
}

export function pointerOf(segments: readonly (string | number)[]): string {
  let pointer = '';
  for (let at = 0; at < segments.length; at++) {
    const segment = segments[at] as string | number;
    pointer += `/${typeof segment === 'number' ? segment : escapePointerSegment(segment)}`;
  }
  return pointer;
}

export function childPointer(pointer: string, segment: string | number): string {
  return `${pointer}/${escapePointerSegment(segment)}`;
}

export function segmentsOf(pointer: string): string[] {
  if (pointer === '') return [];
  const segments = pointer.slice(1).split('/');
  // Most pointers escape nothing: keyword resolution splits tens of thousands of them.
  return pointer.includes('~') ? segments.map(unescapePointerSegment) : segments;
}

export function unescapePointerSegment(segment: string): string {
  return segment.includes('~') ? segment.replace(/~1/g, '/').replace(/~0/g, '~') : segment;
}

export function parentPointer(pointer: string): string {
  return pointer.slice(0, Math.max(0, pointer.lastIndexOf('/')));
}

/** The position of a node, or of its nearest ancestor that has one (a missing key points at its parent). */
export function locate(map: PositionMap, pointer: string, fallbackFile: string): NodePosition {
  let current = pointer;
  for (;;) {
    const found = map[current];
    if (found) return found;
    if (current === '') return { file: fallbackFile, line: 1, column: 1 };
    current = parentPointer(current);
  }
}

/** The position of a node's key (`grant_type:`), for problems about the key itself. */
export function locateKey(map: PositionMap, pointer: string, fallbackFile: string): SourcePosition {
  const found = locate(map, pointer, fallbackFile);
  if (map[pointer] && found.keyLine !== undefined && found.keyColumn !== undefined) {
    return { file: found.file, line: found.keyLine, column: found.keyColumn };
  }
  return { file: found.file, line: found.line, column: found.column };
}

function labelOf(item: unknown): string | undefined {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return undefined;
  const record = item as Record<string, unknown>;
  if (typeof record.name === 'string' && record.name !== '') return record.name;
  if (typeof record.client_id === 'string' && typeof record.audience === 'string') {
    return `${record.client_id} -> ${record.audience}`;
  }
  return undefined;
}

/**
 * `/clients/0/grant_types/1` read against the document: `clients[Documents SPA].grant_types[1]`. Items with
 * a name are named; that is how deploy-cli matches them, and how people search the file.
 */
export function readablePath(document: unknown, pointer: string): string {
  let out = '';
  let node: unknown = document;
  for (const segment of segmentsOf(pointer)) {
    if (Array.isArray(node)) {
      const index = Number(segment);
      const item: unknown = node[index];
      out += `[${labelOf(item) ?? segment}]`;
      node = item;
    } else {
      out += out === '' ? segment : `.${segment}`;
      node =
        node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
    }
  }
  return out;
}
