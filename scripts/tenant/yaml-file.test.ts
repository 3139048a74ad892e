import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, parseYamlFile } from './yaml-file';

describe('parseYamlFile', () => {
  it('gives every node its line and column, and mapping values the position of their key', () => {
    const { data, sources, problems } = parseYamlFile(
      'clients:\n  - name: SPA\n    grant_types:\n      - authorization_code\n',
      'tenant.yaml',
    );

    expect(problems).toEqual([]);
    expect(data).toEqual({ clients: [{ name: 'SPA', grant_types: ['authorization_code'] }] });
    expect(sources['/clients/0/grant_types/0']).toEqual({
      file: 'tenant.yaml',
      line: 4,
      column: 9,
      plain: true,
    });
    expect(sources['/clients/0/grant_types']).toMatchObject({ line: 4, keyLine: 3, keyColumn: 5 });
  });

  it('keeps unquoted ##KEY## and @@KEY@@ markers, which plain YAML would read as a comment and an error', () => {
    const { data, sources, problems } = parseYamlFile(
      'tenant:\n  friendly_name: This is the ##COMPANY## tenant\n  lifetime: ##LIFETIME##\n  enabled_locales: @@LANGUAGES@@\n',
      'tenant.yaml',
    );

    expect(problems).toEqual([]);
    expect(data).toEqual({
      tenant: {
        friendly_name: 'This is the ##COMPANY## tenant',
        lifetime: '##LIFETIME##',
        enabled_locales: '@@LANGUAGES@@',
      },
    });
    expect(sources['/tenant/enabled_locales']).toMatchObject({ line: 4, column: 20, plain: true });
  });

  it('refuses a byte that is not UTF-8 (read as U+FFFD) at its position, instead of deploying it', () => {
    const text = Buffer.from([...Buffer.from('tenant:\n  friendly_name: Caf'), 0xe9, 0x0a]).toString('utf8');

    const { problems } = parseYamlFile(text, 'tenant.yaml');

    expect(problems).toEqual([
      expect.objectContaining({
        file: 'tenant.yaml',
        line: 2,
        column: 21,
        rule: 'yaml/syntax',
        severity: 'error',
      }),
    ]);
  });

  it('turns syntax errors into problems at their position, never an exception', () => {
    const { data, problems } = parseYamlFile('a: 1\nb: [x, y\nc: 3\n', 'broken.yaml');

    expect(data).toBeNull();
    expect(problems[0]).toMatchObject({ file: 'broken.yaml', rule: 'yaml/syntax', severity: 'error' });
    expect(problems[0]?.line).toBeGreaterThanOrEqual(2);
  });

  it('points an unclosed quote at the quote that opened it, not at the end of the file', () => {
    const { problems } = parseYamlFile('a: 1\nb: "unclosed\nc: 2\nd: 3\n', 'quote.yaml');

    expect(problems).toContainEqual(expect.objectContaining({ rule: 'yaml/syntax', line: 2, column: 4 }));
  });

  it('rejects duplicate keys, as deploy-cli does', () => {
    const { problems } = parseYamlFile('name: a\nname: b\n', 'dup.yaml');

    expect(problems).toEqual([
      expect.objectContaining({
        rule: 'yaml/syntax',
        line: 2,
        column: 1,
        message: 'Map keys must be unique',
      }),
    ]);
  });

  it('applies merge keys, as js-yaml does for deploy-cli', () => {
    const { data } = parseYamlFile(
      'base: &base\n  alg: RS256\nclient:\n  <<: *base\n  name: x\n',
      'merge.yaml',
    );

    expect(data).toEqual({ base: { alg: 'RS256' }, client: { alg: 'RS256', name: 'x' } });
  });

  it('keeps literal private-use characters as they are: they never become a placeholder', () => {
    const text =
      'description: "\uE000\uE000TOKEN\uE000\uE000 and \uE001\uE001LIST\uE001\uE001"\nname: ##NAME##\n';
    const { data, problems } = parseYamlFile(text, 'pua.yaml');

    expect(problems).toEqual([]);
    expect(data).toEqual({
      description: '\uE000\uE000TOKEN\uE000\uE000 and \uE001\uE001LIST\uE001\uE001',
      name: '##NAME##',
    });
  });

  it('refuses a key that reaches the prototype, at its line, wherever it is nested', () => {
    const { data, problems } = parseYamlFile(
      'clients:\n  - name: a\n    __proto__:\n      alg: none\n',
      'p.yaml',
    );

    expect(data).toBeNull();
    expect(problems).toEqual([expect.objectContaining({ rule: 'yaml/forbidden-key', line: 3, column: 5 })]);
  });

  it('refuses a file above the size limit at once, without parsing it', () => {
    const huge = `items:\n${'  - x\n'.repeat(Math.ceil(MAX_FILE_BYTES / 6) + 1)}`;
    const { data, problems } = parseYamlFile(huge, 'huge.yaml');

    expect(data).toBeNull();
    expect(problems).toEqual([
      expect.objectContaining({ rule: 'files/too-large', line: 1, column: 1, severity: 'error' }),
    ]);
  });

  it('refuses a prototype key written as an alias, and a list or mapping as a key', () => {
    const alias = parseYamlFile(
      'name: &pk __proto__\nclient:\n  ? *pk\n  : grant_types: [password]\n',
      'a.yaml',
    );
    const complex = parseYamlFile('metadata:\n  ? [__proto__]\n  : x\n', 'c.yaml');

    expect(alias.data).toBeNull();
    expect(alias.problems).toEqual([
      expect.objectContaining({ rule: 'yaml/forbidden-key', line: 3, column: 5 }),
    ]);
    expect(complex.problems).toEqual([
      expect.objectContaining({ rule: 'yaml/forbidden-key', line: 2, column: 5 }),
    ]);
  });

  it('refuses a keyword or secret marker in a key, which deploy-cli would replace', () => {
    const { problems } = parseYamlFile(
      'client_metadata:\n  "##USER_SYNC_TOKEN##": x\n  "@@LIST@@": y\n',
      'k.yaml',
    );

    expect(problems.map(({ rule, line }) => ({ rule, line }))).toEqual([
      { rule: 'yaml/forbidden-key', line: 2 },
      { rule: 'yaml/forbidden-key', line: 3 },
    ]);
  });
});
