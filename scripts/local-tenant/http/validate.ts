import type { JsonObject } from '../state/types';
import { invalidBody } from './errors';

export type JsonType = 'string' | 'boolean' | 'integer' | 'number' | 'array' | 'object' | 'null';

export interface FieldRule {
  type: JsonType | readonly JsonType[];
  enum?: readonly string[];
  minLength?: number;
  maxLength?: number;
  /** For arrays: the type every item must have. */
  items?: JsonType;
}

export interface BodySchema {
  fields: Record<string, JsonType | readonly JsonType[] | FieldRule>;
  required?: readonly string[];
}

export type { JsonObject };

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

function accepts(expected: readonly JsonType[], actual: JsonType): boolean {
  return expected.includes(actual) || (actual === 'integer' && expected.includes('number'));
}

function toRule(spec: JsonType | readonly JsonType[] | FieldRule): FieldRule {
  return typeof spec === 'string' || Array.isArray(spec)
    ? { type: spec as JsonType | readonly JsonType[] }
    : (spec as FieldRule);
}

/**
 * Checks a request body against `schema` the way the Management API does (unknown properties, wrong types,
 * missing required properties, enums, string lengths), throwing the first problem as its 400
 * `invalid_body` error. Returns the body as an object.
 */
export function validateBody(body: unknown, schema: BodySchema): JsonObject {
  if (!isJsonObject(body)) {
    throw invalidBody(`'Expected type object but found type ${jsonTypeOf(body)}'.`);
  }
  for (const key of Object.keys(body)) {
    if (!(key in schema.fields)) throw invalidBody(`'Additional properties not allowed: ${key}'.`);
  }
  for (const key of schema.required ?? []) {
    if (body[key] === undefined) throw invalidBody(`'Missing required property: ${key}'.`);
  }
  for (const [key, spec] of Object.entries(schema.fields)) {
    if (body[key] === undefined) continue;
    checkField(key, body[key], toRule(spec));
  }
  return body;
}

function checkField(key: string, value: unknown, rule: FieldRule): void {
  const expected: readonly JsonType[] = typeof rule.type === 'string' ? [rule.type] : rule.type;
  const actual = jsonTypeOf(value);
  if (!accepts(expected, actual)) {
    throw invalidBody(`'Expected type ${expected.join(',')} but found type ${actual}' on property ${key}.`);
  }
  if (typeof value === 'string') {
    if (rule.enum && !rule.enum.includes(value)) {
      throw invalidBody(`'No enum match for: ${JSON.stringify(value)}' on property ${key}.`);
    }
    if (rule.minLength !== undefined && value.length < rule.minLength) {
      throw invalidBody(
        `'String is too short (${value.length} chars), minimum ${rule.minLength}' on property ${key}.`,
      );
    }
    if (rule.maxLength !== undefined && value.length > rule.maxLength) {
      throw invalidBody(
        `'String is too long (${value.length} chars), maximum ${rule.maxLength}' on property ${key}.`,
      );
    }
  }
  if (Array.isArray(value) && rule.items) {
    value.forEach((item, index) => {
      const itemType = jsonTypeOf(item);
      if (!accepts([rule.items as JsonType], itemType)) {
        throw invalidBody(
          `'Expected type ${rule.items} but found type ${itemType}' on property ${key}[${index}].`,
        );
      }
    });
  }
}

/** Copies only the keys of `source` that are defined. */
export function definedOnly(source: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined));
}
