/**
 * Names inside a JSON file beside tenant.yaml that point at other resources (a flow's actions name their
 * vault connection by `connection_id`). deploy-cli swaps each name for the item's id at deploy time and,
 * for a name it cannot find, logs an error and sends the name as the id: the flow is created broken. The
 * check refuses it instead, at the line and column in the file.
 */
import type { FileField } from '../resources/define';
import { resourceType } from '../resources/index';
import { asString, entriesOfType } from './checks/read';
import { didYouMean } from './did-you-mean';
import { type Problem, problemAt } from './problem';
import { locate, pointerOf } from './source-map';
import { parseYamlFile } from './yaml-file';

interface KeyValue {
  segments: string[];
  value: unknown;
}

/** Every value of `key` at any depth, with its path (deploy-cli's findKeyPathWithValue). */
function valuesOfKey(node: unknown, key: string, segments: string[] = []): KeyValue[] {
  if (node === null || typeof node !== 'object') return [];
  const entries: [string, unknown][] = Array.isArray(node)
    ? node.map((child, index) => [String(index), child])
    : Object.entries(node);
  return entries.flatMap(([name, child]) => [
    ...(name === key && !Array.isArray(node) ? [{ segments: [...segments, name], value: child }] : []),
    ...valuesOfKey(child, key, [...segments, name]),
  ]);
}

/** The names `type` declares in the tenant, by its identity field. */
function declaredNames(tenant: Record<string, unknown>, to: string): { names: string[]; section: string } {
  const target = resourceType(to);
  if (!target) return { names: [], section: `${to}:` };
  const field = target.identityField ?? 'name';
  const names = entriesOfType(tenant, target).flatMap((entry) => asString(entry.item[field]) ?? []);
  return { names, section: `${target.key}:` };
}

/**
 * The references a file field declares, checked in the file's text (after keywords; a JSON that does not
 * parse is the format check's to report). `what` names the file in messages (`flow "Sync CRM" body`),
 * `fieldPath` the field naming the file (`flows[Sync CRM].body`).
 */
export function fileReferenceProblems(
  field: FileField,
  text: string,
  file: string,
  what: string,
  fieldPath: string,
  tenant: Record<string, unknown>,
): Problem[] {
  if (!field.references?.length) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  const sources = parseYamlFile(text, file).sources;
  return field.references.flatMap((reference) => {
    const { names, section } = declaredNames(tenant, reference.to);
    const noun = resourceType(reference.to)?.noun ?? reference.to;
    return valuesOfKey(parsed, reference.key).flatMap(({ segments, value }) => {
      const name = asString(value);
      if (name === undefined || names.includes(name)) return [];
      const at = segments.join('.');
      return [
        problemAt(locate(sources, pointerOf(segments), file), {
          path: `${fieldPath}:${at}`,
          rule: `references/unknown-${noun.toLowerCase().replace(/\W+/g, '-')}`,
          message: `${what} names ${noun} "${name}" at ${at}, which is not in ${section}`,
          hint: didYouMean(name, names) ?? `use the name of a ${noun} declared under ${section}`,
        }),
      ];
    });
  });
}
