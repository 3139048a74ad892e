import { describe, expect, it } from 'vitest';
import { findPlaceholders, wholePlaceholder } from './placeholders';

describe('a placeholder that is the whole value', () => {
  it('is a ##KEY## (text) or an @@KEY@@ (a whole value) and nothing else', () => {
    expect(wholePlaceholder('##CLAIMS_NAMESPACE##')).toEqual({
      kind: 'string',
      key: 'CLAIMS_NAMESPACE',
      start: 0,
      end: 20,
    });
    expect(wholePlaceholder('@@USER_GRANTS@@')).toMatchObject({ kind: 'array', key: 'USER_GRANTS' });
  });

  it('is exactly one placeholder spanning the text, as findPlaceholders sees it', () => {
    const texts = [
      '##A##',
      '@@A_1@@',
      '##A##B##',
      '##A####B##',
      '##A##@@B@@',
      ' ##A##',
      '##A## ',
      '##a##',
      '@@password@@',
      '##A@@',
      '####',
      '##A##\n',
      'https://##HOST##/callback',
      '',
    ];
    for (const text of texts) {
      const found = findPlaceholders(text);
      const spans = found.length === 1 && found[0]?.start === 0 && found[0]?.end === text.length;
      expect(wholePlaceholder(text), text).toEqual(spans ? found[0] : undefined);
    }
  });
});
