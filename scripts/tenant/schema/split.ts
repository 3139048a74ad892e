import type { JsonSchema } from './common';

/**
 * The tenant schema, with its large parts moved under `$defs` and referred to, so that ajv compiles each
 * into a function of its own (with `inlineRefs: false`). Inlined, the whole tenant is one function of
 * about 2 MB of source, which V8 never optimizes: it runs interpreted, about three times slower (and
 * twice as slow on a command's first check) as the same schema in small functions.
 *
 * What it accepts and what it reports do not change. Only `properties` values and `items` reached from
 * the root through other `properties` and `items` are moved (never a branch of `anyOf` or `then`), so
 * no two moved parts validate the same value. The schemas declare no `$ref` of their own.
 * One thing does change: an error's `schemaPath` is relative to the part it is in (`#/required`), so a
 * reader that compares schema paths compares them for one `instancePath` only.
 */
export function splitLargeSubschemas(schema: JsonSchema, minimumLength = MINIMUM_LENGTH): JsonSchema {
  const $defs: Record<string, JsonSchema> = {};
  const split = (node: JsonSchema, path: string): JsonSchema => {
    const out: JsonSchema = { ...node };
    const properties = node.properties;
    if (isSchemaMap(properties)) {
      out.properties = Object.fromEntries(
        Object.entries(properties).map(([key, value]) => [key, moved(value, `${path}.${key}`)]),
      );
    }
    // ajv's uniqueItems reads the type of the items beside it to choose how to compare (and so what it
    // reports): such items stay inline.
    if (isSchema(node.items)) {
      out.items =
        node.uniqueItems === true ? split(node.items, `${path}.items`) : moved(node.items, `${path}.items`);
    }
    return out;
  };
  const moved = (node: JsonSchema, path: string): JsonSchema => {
    const inner = split(node, path);
    if (JSON.stringify(node).length < minimumLength) return inner;
    // A name that says where the part was, for whoever reads the generated code; nothing to escape.
    const base = path.replace(/[^A-Za-z0-9_.-]/g, '_');
    let name = base;
    for (let count = 2; Object.hasOwn($defs, name); count++) name = `${base}-${count}`;
    $defs[name] = inner;
    return { $ref: `#/$defs/${name}` };
  };
  if ('$defs' in schema || '$ref' in schema) throw new Error('the schema to split declares $defs or $ref');
  const root = split(schema, 'tenant');
  return Object.keys($defs).length === 0 ? root : { ...root, $defs };
}

/** Parts smaller than this stay inline: a call costs more than it saves on a few checks. */
const MINIMUM_LENGTH = 500;

function isSchema(value: unknown): value is JsonSchema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isSchemaMap(value: unknown): value is Record<string, JsonSchema> {
  return isSchema(value) && Object.values(value).every(isSchema);
}
