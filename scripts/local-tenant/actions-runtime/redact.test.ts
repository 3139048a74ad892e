import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets } from './redact';

describe('redaction', () => {
  it("replaces every secret value in an Action's log lines, longest first", () => {
    const lines = [{ level: 'log', message: 'token=abc123 and abc123-long, twice abc123' }];
    expect(redactSecrets(lines, ['abc123', 'abc123-long', ''])).toEqual([
      { level: 'log', message: `token=${REDACTED} and ${REDACTED}, twice ${REDACTED}` },
    ]);
  });
});
