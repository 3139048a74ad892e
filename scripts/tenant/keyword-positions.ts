import { childPointer, type NodePosition, type PositionMap, parentPointer } from './source-map';

/**
 * The file's positions, with what keywords bring layered over them. A value that came whole from a list
 * or mapping keyword, and everything under it, is where the keyword's value is in the environment file:
 * looked up when asked (a problem to place), not copied for each use. A large tenant uses such keywords
 * tens of thousands of times, and the copies were half of its check. Keys inside the value keep their
 * positions (a misspelt key is reported at the key); the value itself has none, its key being the
 * keyword's name, not the tenant.yaml key it fills.
 */
export function keywordPositions(fileSources: PositionMap, envSources: PositionMap) {
  const own: PositionMap = Object.create(null) as PositionMap;
  /**
   * Where the value came whole from a list or mapping keyword, and the keyword's name: noted as a list
   * and made a map when a position is first asked for, since most checks ask for none.
   */
  const uses: [pointer: string, key: string][] = [];
  let substitutedMap: Map<string, string> | undefined;
  const substituted = () => {
    substitutedMap ??= new Map(uses);
    return substitutedMap;
  };
  const subtrees = new Map<string, Map<string, NodePosition>>();

  const subtree = (key: string) => {
    let entries = subtrees.get(key);
    if (!entries) {
      const root = childPointer('/keywords', key);
      entries = new Map();
      for (const [envPointer, { file, line, column, keyLine, keyColumn }] of Object.entries(envSources)) {
        if (envPointer !== root && !envPointer.startsWith(`${root}/`)) continue;
        entries.set(
          envPointer.slice(root.length),
          envPointer === root || keyLine === undefined
            ? { file, line, column }
            : { file, line, column, keyLine, keyColumn },
        );
      }
      subtrees.set(key, entries);
    }
    return entries;
  };

  const inKeyword = (pointer: string): NodePosition | undefined => {
    const byPointer = substituted();
    for (let root = pointer; ; root = parentPointer(root)) {
      const key = byPointer.get(root);
      if (key !== undefined) return subtree(key).get(pointer.slice(root.length));
      if (root === '') return undefined;
    }
  };

  const sources = new Proxy(fileSources, {
    get: (target, pointer, receiver) => {
      if (typeof pointer !== 'string') return Reflect.get(target, pointer, receiver);
      return own[pointer] ?? (uses.length > 0 ? inKeyword(pointer) : undefined) ?? target[pointer];
    },
  });
  return {
    sources,
    setPosition: (pointer: string, position: NodePosition) => {
      own[pointer] = position;
    },
    /** A value that came whole from a list or mapping keyword: its pointer and the keyword's name. */
    mapSubtree: (origin: [pointer: string, keyword: string]) => {
      uses.push(origin);
      substitutedMap = undefined;
    },
  };
}
