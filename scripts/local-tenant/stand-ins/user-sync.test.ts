import { describe, expect, it } from 'vitest';
import { idempotencyKey, syncHash, syncPayload } from '../../../actions/user-sync/payload';
import { answerSyncPost, syncPayloadProblem } from './user-sync';

const payload = syncPayload({
  user_id: 'auth0|abc',
  email: 'alice@example.com',
  email_verified: true,
  updated_at: '2026-01-01T00:00:00.000Z',
} as Parameters<typeof syncPayload>[0]);
const post = {
  authorization: 'Bearer sync-token',
  contentType: 'application/json',
  idempotencyKey: idempotencyKey(payload.auth0Id, syncHash(payload)),
  body: payload,
};

describe("the user-sync backend's answer", () => {
  it('accepts what user-sync sends (payload.ts) with the deployed token', () => {
    expect(syncPayloadProblem(payload)).toBeUndefined();
    expect(answerSyncPost(post, ['sync-token'])).toEqual({ status: 204 });
  });

  it('answers 401 to another token, and 400 to a post without its idempotency key or with another body', () => {
    expect(answerSyncPost(post, ['other']).status).toBe(401);
    expect(answerSyncPost(post, []).status).toBe(401);
    const { idempotencyKey: _key, ...withoutKey } = post;
    expect(answerSyncPost(withoutKey, ['sync-token']).status).toBe(400);
    expect(answerSyncPost({ ...post, contentType: 'text/plain' }, ['sync-token']).status).toBe(415);
    expect(syncPayloadProblem({ ...payload, emailVerified: 'yes' })).toBe('emailVerified must be a boolean');
    expect(syncPayloadProblem({ ...payload, password: 'x' })).toBe('unknown field password');
    expect(syncPayloadProblem({ ...payload, updatedAt: 'yesterday' })).toBe('updatedAt must be an ISO date');
  });
});
