import { describe, expect, it } from 'vitest';
import { closestMatch, levenshtein } from './did-you-mean';

describe('did you mean', () => {
  it.each([
    ['grant_type', ['grant_types', 'callbacks', 'app_type'], 'grant_types'],
    ['grantTypes', ['grant_types', 'callbacks'], 'grant_types'],
    ['bruteForceProtecton', ['bruteForceProtection', 'botDetection'], 'bruteForceProtection'],
    ['post_login', ['post-login', 'pre-user-registration'], 'post-login'],
    ['totp', ['otp', 'sms', 'email'], 'otp'],
    ['banana', ['grant_types', 'callbacks'], undefined],
  ])('%s among %j suggests %s', (word, candidates, expected) => {
    expect(closestMatch(word, candidates)).toBe(expected);
  });

  it('measures edits', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('same', 'same')).toBe(0);
  });
});
