import { describe, expect, it } from 'vitest';
import { domainAndParents, normaliseEmail } from './email';

describe('normaliseEmail', () => {
  it.each([
    ['jane@example.com', 'jane@example.com', 'example.com'],
    ['  Jane.Doe@Example.COM  ', 'jane.doe@example.com', 'example.com'],
    ['jane+signup@mail.example.co.uk', 'jane+signup@mail.example.co.uk', 'mail.example.co.uk'],
    ["o'brien_x-y@example.org", "o'brien_x-y@example.org", 'example.org'],
    ['jane@bücher.example', 'jane@xn--bcher-kva.example', 'xn--bcher-kva.example'],
    ['jane@MAILINATOR。COM', 'jane@mailinator.com', 'mailinator.com'],
    ['josé@example.com', 'josé@example.com', 'example.com'],
  ])('accepts %j as %j', (raw, address, domain) => {
    expect(normaliseEmail(raw)).toMatchObject({ address, domain });
  });

  it.each([
    ['an empty string', ''],
    ['only spaces', '   '],
    ['no @', 'jane.example.com'],
    ['two @', 'jane@doe@example.com'],
    ['nothing before @', '@example.com'],
    ['nothing after @', 'jane@'],
    ['a domain without a dot', 'jane@localhost'],
    ['an IP address', 'jane@192.168.0.1'],
    ['an IP literal', 'jane@[192.168.0.1]'],
    ['a space inside', 'jane doe@example.com'],
    ['a leading dot', '.jane@example.com'],
    ['two dots in a row', 'jane..doe@example.com'],
    ['a quoted local part', '"jane doe"@example.com'],
    ['a label starting with a hyphen', 'jane@-example.com'],
    ['an empty label', 'jane@example..com'],
    ['a trailing dot', 'jane@example.com.'],
    ['a numeric top-level domain', 'jane@example.123'],
    ['a local part over 64 characters', `${'a'.repeat(65)}@example.com`],
    [
      'an address over 254 characters',
      `jane@${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(60)}.com`,
    ],
    ['a label over 63 characters', `jane@${'a'.repeat(64)}.com`],
    ['a newline', 'jane@example.com\nbcc@evil.example'],
  ])('rejects %s', (_story, raw) => {
    expect(normaliseEmail(raw)).toBeUndefined();
  });

  it('rejects a value that is not a string', () => {
    expect(normaliseEmail(undefined)).toBeUndefined();
    expect(normaliseEmail(42)).toBeUndefined();
  });
});

describe('domainAndParents', () => {
  it('lists the domain and every domain above it, nearest first', () => {
    expect(domainAndParents('a.b.example.com')).toEqual([
      'a.b.example.com',
      'b.example.com',
      'example.com',
      'com',
    ]);
  });
});
