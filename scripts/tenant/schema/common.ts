/**
 * Building blocks for the tenant schema. Every object is closed (`additionalProperties: false`): a key we
 * do not know is a typo or a setting nobody reviewed, and either way it should stop the pipeline.
 */
export type JsonSchema = Record<string, unknown>;

export function closedObject(
  properties: Record<string, JsonSchema>,
  required: readonly string[] = [],
): JsonSchema {
  return {
    type: 'object',
    additionalProperties: false,
    properties,
    ...(required.length > 0 ? { required: [...required] } : {}),
  };
}

export function listOf(items: JsonSchema, extra: JsonSchema = {}): JsonSchema {
  return { type: 'array', items, ...extra };
}

export function oneOfValues(values: readonly (string | null)[]): JsonSchema {
  const types = new Set(values.map((value) => (value === null ? 'null' : 'string')));
  return { type: types.size === 1 ? [...types][0] : [...types], enum: [...values] };
}

export const boolean: JsonSchema = { type: 'boolean' };
export const text: JsonSchema = { type: 'string' };
export const nonEmptyText: JsonSchema = { type: 'string', minLength: 1 };
export const positiveInteger: JsonSchema = { type: 'integer', minimum: 1 };
export const nonNegativeInteger: JsonSchema = { type: 'integer', minimum: 0 };
/** URLs are checked by the security policy (https, wildcards), which explains itself better than a format. */
export const url: JsonSchema = { type: 'string', minLength: 1 };
export const urlList: JsonSchema = listOf(url);
export const textList: JsonSchema = listOf(text);
/** A free mapping of strings, for metadata Auth0 stores as given. */
export const stringMap: JsonSchema = { type: 'object', additionalProperties: { type: 'string' } };

/**
 * A field Auth0 sets and reports (a custom domain's verification state): never configuration, so writing
 * it is refused (rule `schema/read-only`), with `hint` saying where it comes from instead.
 */
export function readOnly(hint: string): JsonSchema {
  return { readOnly: true, description: hint, not: {} };
}
