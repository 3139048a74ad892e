import { describe, expect, it } from 'vitest';
import { scrub } from '../../scripts/engine/engine-session';

describe('scrub', () => {
  it('masks a secret however an error quotes it: as is, inside JSON, or inside JSON inside JSON', () => {
    // deploy-cli's errors carry the item as JSON ("Problem updating connections {...}"), and the SDK's
    // carry the response body as JSON, so a quote, a backslash or a newline in a secret is escaped there.
    const secret = 'pa"ss\\word\nline-2';
    const item = { name: 'legacy-users', options: { configuration: { TOKEN: secret } } };
    const message = [
      `plain ${secret}`,
      `Problem updating databases ${JSON.stringify(item)}`,
      `Body: ${JSON.stringify({ message: JSON.stringify(item) })}`,
    ].join('\n');

    const cleaned = scrub(message, [secret]);

    expect(cleaned).not.toContain('pa"ss');
    expect(cleaned).not.toContain('pa\\"ss');
    expect(cleaned).not.toContain('word');
    expect(cleaned).toContain(
      'Problem updating databases {"name":"legacy-users","options":{"configuration":{"TOKEN":"***"}}}',
    );
  });

  it('leaves text alone when no secret is in it, and ignores values too short to tell from text', () => {
    expect(scrub('created clients "Documents SPA"', ['abc', 'not-here'])).toBe(
      'created clients "Documents SPA"',
    );
  });
});
