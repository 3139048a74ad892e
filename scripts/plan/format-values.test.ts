/**
 * What a reviewer reads of a change: every string field's old and new value whole, and the code fields
 * (Action code, custom-database scripts, login page templates) as lines added and removed, with their
 * diff in the markdown.
 */
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { formatPlan, type PlanHeading } from './format';
import type { Plan } from './types';

const heading: PlanHeading = {
  mode: 'plan',
  env: 'prod',
  target: 'example.eu.auth0.com',
  allowDelete: false,
};
const oldCode = 'exports.onExecutePostLogin = async (event, api) => {\n  api.access.deny("no");\n};\n';
const newCode = 'exports.onExecutePostLogin = async (event, api) => {\n  // ```\n  return;\n};\n';
const longUrl = `https://example.com/${'a'.repeat(300)}`;

const plan: Plan = {
  types: ['clients', 'databases', 'actions'],
  changes: [
    {
      type: 'clients',
      name: 'Support',
      action: 'update',
      fields: [
        {
          path: 'support_url',
          before: 'https://support.example.com/',
          after: 'https://evil.example.net/\nsupport',
        },
        { path: 'description', before: 'short', after: longUrl },
        {
          path: 'custom_login_page',
          before: '<html>\n<body>\n</body>\n</html>',
          after: '<html>\n<body onload="x()">\n</body>\n</html>',
        },
      ],
    },
    {
      type: 'databases',
      name: 'legacy-users',
      action: 'update',
      fields: [
        {
          path: 'options.customScripts.login',
          before: 'function login() {\n  a();\n}',
          after: 'function login() {\n  b();\n}',
        },
      ],
    },
    {
      type: 'actions',
      name: 'deny-all',
      action: 'update',
      fields: [{ path: 'code', before: oldCode, after: newCode }],
    },
  ],
  notes: [],
};

describe('a string field', () => {
  it('shows its old and new value whole, a newline as \\n, however long', () => {
    const text = formatPlan(plan, 'text', heading);

    expect(text).toContain(
      '    support_url: "https://support.example.com/" -> "https://evil.example.net/\\nsupport"\n',
    );
    expect(text).toContain(`    description: "short" -> "${longUrl}"\n`);
    expect(JSON.parse(formatPlan(plan, 'json', heading)).changes[0].fields[0].after).toBe(
      'https://evil.example.net/\nsupport',
    );
  });
});

describe('a code field', () => {
  it('is summed up in text as the lines it adds and removes', () => {
    const text = formatPlan(plan, 'text', heading);

    expect(text).toContain('    code: 2 lines added, 1 removed (3 -> 4 lines)\n');
    expect(text).toContain('    options.customScripts.login: 1 line added, 1 removed (3 -> 3 lines)\n');
    expect(text).toContain('    custom_login_page: 1 line added, 1 removed (4 -> 4 lines)\n');
  });

  it('gets its unified diff in markdown, folded away, in a code block nothing inside can close', () => {
    const markdown = formatPlan(plan, 'markdown', heading);
    const tokens = new MarkdownIt({ html: true }).parse(markdown, {});
    const diffs = tokens.filter((token) => token.type === 'fence' && token.info === 'diff').slice(1);

    expect(markdown).toContain(
      '<details><summary>actions deny-all: code, 2 lines added, 1 removed</summary>',
    );
    expect(diffs.map((token) => token.content.split('\n')[0])).toEqual([
      '--- custom_login_page (tenant)',
      '--- options.customScripts.login (tenant)',
      '--- code (tenant)',
    ]);
    expect(diffs[2]?.content).toBe(
      [
        '--- code (tenant)',
        '+++ code (repository)',
        '@@ -1,3 +1,4 @@',
        ' exports.onExecutePostLogin = async (event, api) => {',
        '-  api.access.deny("no");',
        '+  // ```',
        '+  return;',
        ' };',
        '',
      ].join('\n'),
    );
    expect(tokens.at(-1)?.type).toBe('html_block');
  });
});
