import { describe, expect, it } from 'vitest';
import { CLIENT_CREATE, RESOURCE_SERVER_CREATE, ROLE_CREATE, TENANT_SETTINGS_UPDATE } from '../api/schemas';
import { closedObject, nullable, oneOf } from '../api/schemas/json';
import { ApiError } from './errors';
import { type JsonSchema, validateBody } from './validate';

/** What the local tenant answers to `body`, as the body of its 400. */
function refusal(body: unknown, schema: JsonSchema) {
  try {
    validateBody(body, schema);
  } catch (error) {
    if (error instanceof ApiError) return error.toBody();
    throw error;
  }
  return undefined;
}

const CREDENTIAL = closedObject(
  { name: { type: 'string', minLength: 1, maxLength: 8 }, kind: nullable(oneOf(['pem', 'jwk'])) },
  ['name'],
);
const CHANGES: JsonSchema = { type: 'array', maxItems: 2 };

describe("refusing a request body in Auth0's words", () => {
  it('answers 400 invalid_body with the fields Auth0 gives', () => {
    expect(refusal({ description: 'no name' }, ROLE_CREATE)).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: "Payload validation error: 'Missing required property: name'.",
      errorCode: 'invalid_body',
    });
  });

  it.each([
    [
      'an unknown property',
      { name: 'x', colour: 'red' },
      CLIENT_CREATE,
      "'Additional properties not allowed: colour'.",
    ],
    [
      'a wrong type',
      { identifier: 42 },
      RESOURCE_SERVER_CREATE,
      "'Expected type string but found type integer' on property identifier.",
    ],
    [
      'a wrong type where null is allowed too',
      { name: 'a', kind: 3 },
      CREDENTIAL,
      "'Expected type string,null but found type integer' on property kind.",
    ],
    ['a body that is not an object', ['x'], ROLE_CREATE, "'Expected type object but found type array'."],
    ['no body at all', undefined, ROLE_CREATE, "'Expected type object but found type undefined'."],
    [
      'a value outside an enum',
      { name: 'x', app_type: 'robot' },
      CLIENT_CREATE,
      `'No enum match for: "robot"' on property app_type.`,
    ],
    [
      'a string too short',
      { name: '' },
      CREDENTIAL,
      "'String is too short (0 chars), minimum 1' on property name.",
    ],
    [
      'a string too long',
      { name: 'much too long' },
      CREDENTIAL,
      "'String is too long (13 chars), maximum 8' on property name.",
    ],
    [
      'a list item of the wrong type',
      { name: 'x', callbacks: ['https://a', 3] },
      CLIENT_CREATE,
      "'Expected type string but found type integer' on property callbacks[1].",
    ],
    [
      'an unknown key inside an object',
      { flags: { fly: true } },
      TENANT_SETTINGS_UPDATE,
      "'Additional properties not allowed: fly' on property flags.",
    ],
    [
      'a wrong type inside an object',
      { flags: { enable_sso: 'yes' } },
      TENANT_SETTINGS_UPDATE,
      "'Expected type boolean but found type string' on property flags.enable_sso.",
    ],
    ['a list too long', [1, 2, 3], CHANGES, "'Array is too long (3), maximum 2'."],
  ])('names %s', (_story, body, schema, problem) => {
    expect(refusal(body, schema)?.message).toBe(`Payload validation error: ${problem}`);
  });

  it('accepts null where the schema allows it, enums included', () => {
    expect(refusal({ name: 'a', kind: null }, CREDENTIAL)).toBeUndefined();
    expect(validateBody({ name: 'a', kind: 'pem' }, CREDENTIAL)).toEqual({ name: 'a', kind: 'pem' });
  });
});

describe('which problem it names when there are several', () => {
  it.each([
    [
      'an unknown property before a missing one',
      { colour: 'red' },
      CLIENT_CREATE,
      "'Additional properties not allowed: colour'.",
    ],
    [
      'a missing property before a wrong type',
      { description: 3 },
      ROLE_CREATE,
      "'Missing required property: name'.",
    ],
    [
      "the first wrong property in the schema's order, not the body's",
      { identifier: 4, name: 3 },
      RESOURCE_SERVER_CREATE,
      "'Expected type string but found type integer' on property name.",
    ],
    [
      'the type of a value before its enum',
      { name: 'x', app_type: 5 },
      CLIENT_CREATE,
      "'Expected type string but found type integer' on property app_type.",
    ],
    [
      'the first of two bad list items',
      { name: 'x', callbacks: [1, 'ok', 2] },
      CLIENT_CREATE,
      "'Expected type string but found type integer' on property callbacks[0].",
    ],
    [
      'an unknown key at the top before one inside an object',
      { flags: { fly: true }, colour: 'red' },
      TENANT_SETTINGS_UPDATE,
      "'Additional properties not allowed: colour'.",
    ],
  ])('names %s', (_story, body, schema, problem) => {
    expect(refusal(body, schema)?.message).toBe(`Payload validation error: ${problem}`);
  });
});
