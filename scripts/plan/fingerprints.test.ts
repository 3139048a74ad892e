import { describe, expect, it } from 'vitest';
import { fingerprint, fingerprintKey, readCodeFingerprints, withCodeFingerprints } from './fingerprints';

const deployKey = fingerprintKey('the deploy application secret');

describe('secret fingerprints, which anyone who can read the Action can read', () => {
  it('tell the deploy whether a value changed', () => {
    const recorded = fingerprint('token-1', 'actions/user-sync/USER_SYNC_TOKEN', deployKey);

    expect(fingerprint('token-1', 'actions/user-sync/USER_SYNC_TOKEN', deployKey)).toBe(recorded);
    expect(fingerprint('token-2', 'actions/user-sync/USER_SYNC_TOKEN', deployKey)).not.toBe(recorded);
  });

  it('cannot be matched by a guess without the deploy key, even the right guess', () => {
    const code = withCodeFingerprints('exports.onExecutePostLogin = async () => {};\n', {
      USER_SYNC_TOKEN: fingerprint('password1', 'actions/user-sync/USER_SYNC_TOKEN', deployKey),
    });
    const readable = readCodeFingerprints(code).fingerprints?.USER_SYNC_TOKEN;

    // What a read-only client holds: its own credentials, not the deploy's.
    const readOnlyKey = fingerprintKey('the read-only plan application secret');
    const guesses = ['password', 'password1', '123456', 'letmein'];
    expect(
      guesses.map((guess) => fingerprint(guess, 'actions/user-sync/USER_SYNC_TOKEN', readOnlyKey)),
    ).not.toContain(readable);
  });

  it('differ between two fields holding the same value', () => {
    expect(fingerprint('same', 'actions/a/TOKEN', deployKey)).not.toBe(
      fingerprint('same', 'actions/b/TOKEN', deployKey),
    );
  });
});
