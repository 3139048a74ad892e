/**
 * Request bodies are checked against JSON schemas with ajv, and refused with the words Auth0's own
 * validator uses (`Payload validation error: 'Missing required property: name'.`): deploy-cli and our
 * tests read those messages, so the mapping below is part of the answer.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { JsonSchema } from '../../tenant/schema/common';
import { segmentsOf } from '../../tenant/source-map';
import type { JsonObject } from '../state/types';
import { invalidBody } from './errors';

export type { JsonObject, JsonSchema };

export type JsonType = 'string' | 'boolean' | 'integer' | 'number' | 'array' | 'object' | 'null';

/** A request body that is an object: its properties are what a request may send. */
export interface BodySchema extends JsonSchema {
  type: 'object';
  properties: Record<string, JsonSchema>;
}

/** The JSON-schema type name of a parsed JSON value, as Auth0's validator reports it. */
export function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'object') return 'object';
  return typeof value as JsonType;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
/** Each schema is compiled the first time a request needs it, and once only. */
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

function validatorOf(schema: JsonSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/**
 * Checks a request body against `schema` (a module-level constant: it is compiled once), throwing the
 * first problem as Auth0's 400 `invalid_body`. Returns the body as the schema describes it.
 */
export function validateBody(body: unknown, schema: BodySchema): JsonObject;
export function validateBody<T>(body: unknown, schema: JsonSchema): T;
export function validateBody(body: unknown, schema: JsonSchema): unknown {
  const validate = validatorOf(schema);
  if (validate(body)) return body;
  const errors = validate.errors ?? [];
  throw invalidBody(auth0Message(firstError(errors), body));
}

/** The order Auth0 reports a value's own problems in: its type first, then unknown and missing keys. */
const KEYWORD_RANK = ['type', 'additionalProperties', 'required'];

const rankOf = (keyword: string): number => {
  const rank = KEYWORD_RANK.indexOf(keyword);
  return rank < 0 ? KEYWORD_RANK.length : rank;
};

/** A pointer's segments as written (escaped), for rebuilding its prefixes. */
const escapedSegments = (pointer: string): string[] => (pointer === '' ? [] : pointer.split('/').slice(1));

/**
 * The problem Auth0 names when there are several: an object's own problems before those of its properties,
 * its properties in the schema's order (the order ajv checks them in) and list items in order.
 */
export function firstError(errors: readonly ErrorObject[]): ErrorObject {
  const keyOf = (error: ErrorObject, index: number): number[] => {
    const segments = escapedSegments(error.instancePath);
    const key: number[] = [];
    for (let depth = 1; depth <= segments.length; depth += 1) {
      const prefix = `/${segments.slice(0, depth).join('/')}`;
      const firstSeen = errors.findIndex(
        (other) => other.instancePath === prefix || other.instancePath.startsWith(`${prefix}/`),
      );
      key.push(1, firstSeen);
    }
    return [...key, 0, rankOf(error.keyword), index];
  };
  const keyed = errors.map((error, index) => ({ error, key: keyOf(error, index) }));
  keyed.sort((a, b) => compareKeys(a.key, b.key));
  const first = keyed[0];
  if (!first) throw new Error('firstError needs at least one error');
  return first.error;
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let at = 0; at < Math.min(a.length, b.length); at += 1) {
    const difference = (a[at] ?? 0) - (b[at] ?? 0);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}

/** `callbacks[0]`, `flags.enable_sso`: where in the body the problem is, as Auth0 writes it. */
export function propertyPath(body: unknown, pointer: string): string {
  let node = body;
  let path = '';
  for (const segment of segmentsOf(pointer)) {
    path += Array.isArray(node) ? `[${segment}]` : path === '' ? segment : `.${segment}`;
    node = isJsonObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return path;
}

const lengthOf = (value: unknown): number =>
  typeof value === 'string' || Array.isArray(value) ? value.length : 0;

/** What Auth0 says about one problem (the z-schema messages its validator is built on). */
function problemText(error: ErrorObject): string {
  const { params, data } = error;
  switch (error.keyword) {
    case 'type':
      return `Expected type ${[error.schema].flat().join(',')} but found type ${jsonTypeOf(data)}`;
    case 'additionalProperties':
      return `Additional properties not allowed: ${params.additionalProperty}`;
    case 'required':
      return `Missing required property: ${params.missingProperty}`;
    case 'enum':
      return `No enum match for: ${JSON.stringify(data)}`;
    case 'minLength':
      return `String is too short (${lengthOf(data)} chars), minimum ${params.limit}`;
    case 'maxLength':
      return `String is too long (${lengthOf(data)} chars), maximum ${params.limit}`;
    case 'pattern':
      return `String does not match pattern ${params.pattern}`;
    case 'minimum':
      return `Value ${data} is less than minimum ${params.limit}`;
    case 'maximum':
      return `Value ${data} is greater than maximum ${params.limit}`;
    case 'minItems':
      return `Array is too short (${lengthOf(data)}), minimum ${params.limit}`;
    case 'maxItems':
      return `Array is too long (${lengthOf(data)}), maximum ${params.limit}`;
    default:
      return error.message ?? `failed ${error.keyword}`;
  }
}

/** `'Expected type string but found type integer' on property name.`, or without a property at the top. */
export function auth0Message(error: ErrorObject, body: unknown): string {
  const where = propertyPath(body, error.instancePath);
  return where === '' ? `'${problemText(error)}'.` : `'${problemText(error)}' on property ${where}.`;
}
