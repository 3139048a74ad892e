import { describe, expect, it } from 'vitest';
import { answerLegacyRequest, hasServiceToken, type LegacyStoreRequest } from './legacy-store-contract';

const USER = { id: 'L-1', email: 'Lee@Example.com', password: 'Secret123', name: 'Lee', internal_flag: true };
const store = { tokens: ['service-token'], users: [USER] };
const request = (fields: Partial<LegacyStoreRequest>): LegacyStoreRequest => ({
  method: 'POST',
  path: 'authenticate',
  query: {},
  authorization: 'Bearer service-token',
  body: { email: 'lee@example.com', password: 'Secret123' },
  ...fields,
});

describe('the legacy store side of the contract', () => {
  it('answers the right password with the record, never the password', () => {
    const answer = answerLegacyRequest(request({}), store);
    expect(answer).toEqual({
      status: 200,
      json: { id: 'L-1', email: 'Lee@Example.com', name: 'Lee', internal_flag: true },
    });
  });

  it('refuses a wrong password (401 invalid) and an unknown user (404 not_found) in its own words', () => {
    const wrong = request({ body: { email: 'lee@example.com', password: 'secret123' } });
    const unknown = request({ body: { email: 'nobody@example.com', password: 'Secret123' } });
    expect(answerLegacyRequest(wrong, store)).toEqual({ status: 401, json: { error: 'invalid' } });
    expect(answerLegacyRequest(unknown, store)).toEqual({ status: 404, json: { error: 'not_found' } });
  });

  it('looks users up by email, trimmed and in any case', () => {
    const found = request({
      method: 'GET',
      path: 'users',
      query: { email: ' LEE@example.com ' },
      body: undefined,
    });
    const missing = request({
      method: 'GET',
      path: 'users',
      query: { email: 'x@example.com' },
      body: undefined,
    });
    expect(answerLegacyRequest(found, store).status).toBe(200);
    expect(answerLegacyRequest(missing, store)).toEqual({ status: 404, json: { error: 'not_found' } });
  });

  it('answers 403, never 401, to a missing or wrong service token, whatever was asked', () => {
    for (const authorization of [undefined, 'Bearer other', 'service-token', 'Bearer service-token extra']) {
      expect(answerLegacyRequest(request({ authorization }), store)).toEqual({
        status: 403,
        json: { error: 'forbidden' },
      });
    }
    expect(answerLegacyRequest(request({}), { ...store, tokens: [] }).status).toBe(403);
  });

  it('answers a path it does not have with a 404 that is not "not_found" (a wrong LEGACY_API_URL)', () => {
    expect(answerLegacyRequest(request({ path: 'login' }), store)).toEqual({
      status: 404,
      json: { error: 'no_route' },
    });
    expect(answerLegacyRequest(request({ method: 'GET' }), store).status).toBe(404);
  });

  it('never takes an empty token as the right one', () => {
    expect(hasServiceToken('Bearer ', [''])).toBe(false);
    expect(hasServiceToken('Bearer a', ['b', 'a'])).toBe(true);
  });
});
