// The JSON-schema pieces the request bodies are written with, named after the types the Management API
// reference gives each property.
import type { BodySchema, JsonSchema } from '../../http/validate';

export const string: JsonSchema = { type: 'string' };
export const boolean: JsonSchema = { type: 'boolean' };
export const number: JsonSchema = { type: 'number' };
export const integer: JsonSchema = { type: 'integer' };
export const object: JsonSchema = { type: 'object' };
export const array: JsonSchema = { type: 'array' };
export const stringList: JsonSchema = { type: 'array', items: string };

/** A string that must be one of `values`. */
export const oneOf = (values: readonly string[]): JsonSchema => ({ type: 'string', enum: [...values] });

/** `schema`, or null (which a PATCH sends to clear a field). */
export function nullable(schema: JsonSchema): JsonSchema {
  const { type, enum: values } = schema;
  return {
    ...schema,
    type: [type, 'null'].flat(),
    ...(Array.isArray(values) && { enum: [...values, null] }),
  };
}

/** A request body (or an object in one): these properties and no other (Auth0 refuses any other). */
export function closedObject(
  properties: Record<string, JsonSchema>,
  required: readonly string[] = [],
): BodySchema {
  return {
    type: 'object',
    additionalProperties: false,
    properties,
    ...(required.length > 0 && { required: [...required] }),
  };
}

/**
 * An update's body from its create's, as the Management API pairs them: the same properties in the same
 * order, without those only a create sets, and with those an update may clear by sending null.
 */
export function updateBody(
  create: BodySchema,
  change: {
    createOnly?: readonly string[];
    clearable?: readonly string[];
    extra?: Record<string, JsonSchema>;
  },
): BodySchema {
  const properties: Record<string, JsonSchema> = {};
  for (const [key, schema] of Object.entries(create.properties)) {
    if (change.createOnly?.includes(key)) continue;
    properties[key] = change.clearable?.includes(key) ? nullable(schema) : schema;
  }
  return closedObject({ ...properties, ...change.extra });
}
