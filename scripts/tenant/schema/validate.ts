import type { ErrorObject } from 'ajv';
import { didYouMean } from '../did-you-mean';
import { describeValue, type Problem, problemAt } from '../problem';
import { childPointer, locate, locateKey, type PositionMap, readablePath } from '../source-map';
import type { JsonSchema } from './common';
import { loadValidators, type Validators } from './compiled';
import { TENANT_SECTIONS } from './index';

/** Loaded once per process (compiled once per machine, see compiled.ts). */
let validators: Validators | undefined;

function compiled(): Validators {
  validators ??= loadValidators();
  return validators;
}

export interface SchemaContext {
  /** The document as validated (for tenant.yaml: after keyword substitution). */
  document: unknown;
  sources: PositionMap;
  file: string;
  /** Pointers whose value is an unresolved placeholder, already reported: no second problem for them. */
  skip?: ReadonlySet<string>;
}

export function validateTenantSchema(context: SchemaContext): Problem[] {
  const validate = compiled().tenant;
  return validate(context.document) ? [] : toProblems(validate.errors ?? [], context, true);
}

/** The schema's raw findings on a tenant document (`npm run adopt` removes the fields no schema has). */
export function tenantSchemaErrors(document: unknown): readonly ErrorObject[] {
  const validate = compiled().tenant;
  return validate(document) ? [] : [...(validate.errors ?? [])];
}

export function validateEnvironmentSchema(context: SchemaContext): Problem[] {
  const validate = compiled().environment;
  return validate(context.document) ? [] : toProblems(validate.errors ?? [], context, false);
}

function toProblems(errors: readonly ErrorObject[], context: SchemaContext, isTenant: boolean): Problem[] {
  // A value of the wrong type also fails its enum/pattern; the type error says it best.
  const typeErrors = new Set(
    errors.filter((error) => error.keyword === 'type').map((error) => error.instancePath),
  );
  // A failed branch of a choice between keys is said by the choice's own error ("needs one of ..."). A
  // schema path is relative to the part of the schema it is in (split.ts), so it is compared per value.
  const choices = errors.filter((error) => keyChoice(error) !== undefined);
  const problems: Problem[] = [];
  for (const error of errors) {
    if (error.keyword !== 'type' && typeErrors.has(error.instancePath)) continue;
    if (
      choices.some(
        (choice) =>
          choice.instancePath === error.instancePath && error.schemaPath.startsWith(`${choice.schemaPath}/`),
      )
    ) {
      continue;
    }
    // "must match then": the errors inside the `then` (a sink's own fields) say what is wrong.
    if (error.keyword === 'if') continue;
    // "property name must be valid": the error about the name itself (below) says which and where.
    if (error.keyword === 'propertyNames') continue;
    if (context.skip && isSkipped(error.instancePath, context.skip)) continue;
    problems.push(toProblem(error, context, isTenant));
  }
  return problems;
}

function isSkipped(pointer: string, skip: ReadonlySet<string>): boolean {
  for (let current = pointer; current !== ''; current = current.slice(0, current.lastIndexOf('/'))) {
    if (skip.has(current)) return true;
  }
  return false;
}

/** Sections of types Auth0 no longer runs: refused with a pointer to what replaces them. */
const END_OF_LIFE: Record<string, string> = {
  rules: 'Auth0 Rules reached end of life on 2026-11-18 and no longer run',
  rulesConfigs: 'Auth0 Rules (and their settings) reached end of life on 2026-11-18 and no longer run',
  hooks: 'Auth0 Hooks reached end of life on 2026-11-18 and no longer run',
};
export const END_OF_LIFE_SECTIONS: readonly string[] = Object.keys(END_OF_LIFE);

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

function toProblem(error: ErrorObject, context: SchemaContext, isTenant: boolean): Problem {
  const { document, sources, file } = context;
  const pointer = error.instancePath;
  const where = readablePath(document, pointer) || '(top level)';
  const parentSchema = (error.parentSchema ?? {}) as JsonSchema;

  if (error.keyword === 'not' && parentSchema.readOnly === true) {
    return problemAt(locateKey(sources, pointer, file), {
      path: readablePath(document, pointer),
      rule: 'schema/read-only',
      message: `${where} is state Auth0 sets and reports, not configuration`,
      hint: `remove it: ${String(parentSchema.description ?? 'Auth0 fills it in')}`,
      expected: 'no such key',
      found: describeValue(error.data),
    });
  }
  const choice = keyChoice(error);
  if (choice) {
    const present = choice.filter((key) => isRecordValue(error.data) && key in error.data);
    const many = error.keyword === 'oneOf' && present.length > 1;
    const needs = `${error.keyword === 'oneOf' ? 'exactly one' : 'one or more'} of ${choice.join(', ')}`;
    return problemAt(locate(sources, pointer, file), {
      path: readablePath(document, pointer),
      rule: many ? 'schema/value' : 'schema/required',
      message: many
        ? `${where}: has ${present.join(' and ')}; only one is allowed`
        : `${where}: needs ${needs}`,
      hint: many ? `keep one of ${present.join(', ')}` : `add one of: ${choice.join(', ')}`,
      expected: needs,
      found: present.length > 0 ? present.join(', ') : 'none of them',
    });
  }
  // A key outside a list of names (`propertyNames`: a language, a screen): reported at the key.
  if (error.propertyName !== undefined) {
    const key = error.propertyName;
    const allowed = ((error.params as { allowedValues?: unknown[] }).allowedValues ?? []).map(String);
    const keyPointer = childPointer(pointer, key);
    return problemAt(locateKey(sources, keyPointer, file), {
      path: readablePath(document, keyPointer),
      rule: 'schema/unknown-key',
      message: `${where}: unknown key "${key}"`,
      hint: didYouMean(key, allowed) ?? `keys allowed here: ${summarize(allowed)}`,
      expected: `one of: ${summarize(allowed)}`,
      found: `key "${key}"`,
    });
  }
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys((parentSchema.properties ?? {}) as Record<string, unknown>);
      const keyPointer = childPointer(pointer, key);
      const suggestion = didYouMean(key, allowed);
      const topLevel = isTenant && pointer === '';
      if (topLevel && key in END_OF_LIFE) {
        // An empty section (as deploy-cli's exports write it) declares none: nothing to deploy or refuse.
        const empty = isEmpty((document as Record<string, unknown>)[key]);
        return problemAt(locateKey(sources, keyPointer, file), {
          path: key,
          rule: 'schema/end-of-life',
          ...(empty ? { severity: 'warning' as const } : {}),
          message: `"${key}": ${END_OF_LIFE[key]}${empty ? '; this empty section is ignored' : ''}`,
          hint: empty
            ? 'remove the empty section'
            : 'move the logic into an Action (actions: and triggers:, see "How to add an Action" in the README), then remove this section',
          expected: 'no rules or hooks',
          found: `key "${key}"`,
        });
      }
      return problemAt(locateKey(sources, keyPointer, file), {
        path: readablePath(document, keyPointer),
        rule: 'schema/unknown-key',
        message: `${where}: unknown key "${key}"`,
        hint:
          suggestion ??
          (topLevel
            ? `this repository does not support the "${key}" section yet: add its module to the resource registry (scripts/resources/, see "How to add a resource type" in the README) before using it`
            : `keys allowed here: ${summarize(allowed)}`),
        expected: `one of: ${summarize(allowed)}`,
        found: `key "${key}"`,
      });
    }
    case 'required': {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      return problemAt(locate(sources, pointer, file), {
        path: readablePath(document, pointer),
        rule: 'schema/required',
        message: `${where}: missing required key "${missing}"`,
        hint: `add "${missing}:" here`,
        expected: `key "${missing}"`,
        found: 'nothing',
      });
    }
    case 'type': {
      const expected = String((error.params as { type: string | string[] }).type).replace(/,/g, ' or ');
      return problemAt(locate(sources, pointer, file), {
        path: readablePath(document, pointer),
        rule: 'schema/type',
        message: `${where}: expected ${readableType(expected)}, found ${describeValue(error.data)}`,
        hint: typeHint(expected, error.data),
        expected: readableType(expected),
        found: describeValue(error.data),
      });
    }
    case 'enum': {
      const allowed = ((error.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
      const found = describeValue(error.data);
      return problemAt(locate(sources, pointer, file), {
        path: readablePath(document, pointer),
        rule: 'schema/enum',
        message: `${where}: ${found} is not one of the allowed values`,
        hint:
          (typeof error.data === 'string' && didYouMean(error.data, allowed)) ||
          `use one of: ${summarize(allowed)}`,
        expected: `one of: ${summarize(allowed)}`,
        found,
      });
    }
    default:
      return problemAt(locate(sources, pointer, file), {
        path: readablePath(document, pointer),
        rule: 'schema/value',
        message: `${where}: ${error.message ?? 'invalid value'}, found ${describeValue(error.data)}`,
        hint: valueHint(error),
        expected: error.message ?? 'a valid value',
        found: describeValue(error.data),
      });
  }
}

/**
 * The keys of an `anyOf` / `oneOf` whose every branch only requires one key (a network ACL's `match` or
 * `not_match`, its action's verb), or undefined for any other error.
 */
function keyChoice(error: ErrorObject): string[] | undefined {
  if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') return undefined;
  const branches = (error.schema ?? []) as JsonSchema[];
  const keys = branches.map((branch) => (branch.required as string[] | undefined)?.[0]);
  const onlyKeys = branches.every((branch) => Array.isArray(branch.required) && branch.required.length === 1);
  return onlyKeys && keys.length > 0 ? keys.filter((key): key is string => key !== undefined) : undefined;
}

function isRecordValue(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function readableType(type: string): string {
  return type.replace('object', 'a mapping').replace('array', 'a list');
}

function typeHint(expected: string, found: unknown): string {
  if (
    expected.includes('boolean') &&
    (found === 'true' || found === 'false' || found === 'yes' || found === 'no')
  ) {
    return 'write true or false, without quotes';
  }
  if ((expected.includes('integer') || expected.includes('number')) && typeof found === 'string') {
    return 'write the number without quotes';
  }
  if (expected.includes('array')) return 'write a list: one "- item" per line, or [a, b]';
  if (expected.includes('object')) return 'write a mapping of "key: value" lines, indented under this key';
  return `change the value to ${readableType(expected)}`;
}

function valueHint(error: ErrorObject): string {
  if (error.keyword === 'format' && (error.params as { format?: string }).format === 'date') {
    return 'write the date as YYYY-MM-DD';
  }
  if (error.keyword === 'uniqueItems') return 'remove the duplicate entry';
  const bounds = (error.parentSchema ?? {}) as { minimum?: number; maximum?: number };
  if ((error.keyword === 'minimum' || error.keyword === 'maximum') && bounds.maximum !== undefined) {
    return `write a whole number from ${bounds.minimum ?? 0} to ${bounds.maximum}`;
  }
  return 'change the value so that it meets the constraint';
}

function summarize(values: readonly string[]): string {
  return values.length <= 12
    ? values.join(', ')
    : `${values.slice(0, 12).join(', ')}, ... (${values.length} in all)`;
}

/** The sections the schema checks, for reports that say what was covered. */
export function supportedSections(): string[] {
  return Object.keys(TENANT_SECTIONS);
}
