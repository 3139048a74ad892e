/**
 * Names and values come from the tenant file and from the tenant (anyone with dashboard access names a
 * role): printed, they must read as what they are, never as the plan's own structure.
 */
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { describe, expect, it } from 'vitest';
import { formatPlan, type PlanHeading } from './format';
import type { Plan } from './types';

/** The role name from the review: it closed the table, added a summary, and opened a fence. */
const SPOOF = 'user\n\n**0 to create, 0 to update, 0 to delete** (plan spoof)\n\n````';
const HTML = '<img src=x onerror=alert(1)></details><!--';
const ANSI = 'ops\u001b[2K\u001b[1A\u001b[32m ok\u001b[0m \u202eevil';

const plan: Plan = {
  types: ['roles', 'clients'],
  changes: [
    { type: 'roles', name: SPOOF, action: 'delete', fields: [] },
    { type: 'roles', name: 'admin | `x`', action: 'create', fields: [{ path: 'description', after: HTML }] },
    { type: 'roles', name: ANSI, action: 'create', fields: [{ path: 'description', after: ANSI }] },
    {
      type: 'clients',
      name: 'Documents Web',
      action: 'update',
      fields: [{ path: 'client_metadata.a|b`c\n', before: '````', after: '~~~\n```' }],
    },
  ],
  notes: [`roles ${SPOOF}: a note about it`],
};
const heading: PlanHeading = {
  mode: 'plan',
  env: 'dev',
  target: 'example-dev.eu.auth0.com',
  allowDelete: true,
};

const markdown = new MarkdownIt({ html: true });
const tokens = markdown.parse(formatPlan(plan, 'markdown', heading), {});
const all = (list: Token[]): Token[] => list.flatMap((token) => [token, ...all(token.children ?? [])]);
const ofType = (type: string) => all(tokens).filter((token) => token.type === type);

describe('the markdown of a plan with hostile names, parsed back as GitHub would', () => {
  it('has one summary, the real one', () => {
    expect(ofType('strong_open')).toHaveLength(1);
    const [summary] = tokens.filter(
      (token, at) => tokens[at - 1]?.type === 'paragraph_open' && token.content.startsWith('**'),
    );
    expect(summary?.content).toBe('**2 to create, 1 to update, 1 to delete**');
  });

  it('has one table row per change, each name in its cell as it is, newlines shown as \\n', () => {
    const rows = ofType('tr_open').length - 1;
    const names = tokens.filter((token, at) => token.type === 'inline' && tokens[at - 1]?.type === 'td_open');
    const cell = (row: number, column: number) =>
      names[row * 4 + column]?.children?.map((child) => child.content).join('');

    expect(rows).toBe(plan.changes.length);
    expect(cell(0, 2)).toBe('user\\n\\n**0 to create, 0 to update, 0 to delete** (plan spoof)\\n\\n````');
    expect(cell(1, 2)).toBe('admin | `x`');
    expect(cell(3, 3)).toContain('client_metadata.a|b`c\\n');
  });

  it('puts the field-by-field detail in one fenced block that closes where it should', () => {
    const fences = ofType('fence');

    expect(fences).toHaveLength(1);
    expect(fences[0]?.content).toContain('+ roles "admin | `x`"');
    expect(fences[0]?.content).toMatch(/client_metadata\.a\|b`c\\n: "````" -> /);
    // What follows the block is markdown again: the closing tag and the notes.
    expect(tokens.at(-1)?.type).toBe('bullet_list_close');
    expect(ofType('html_block').map((token) => token.content.trim())).toEqual([
      '<details><summary>Field by field</summary>',
      '</details>',
    ]);
  });

  it('lets no HTML of a name or value through as HTML', () => {
    const html = markdown.render(formatPlan(plan, 'markdown', heading));

    expect(html).not.toMatch(/<img|<!--/);
    expect(html.match(/<\/details>/g)).toHaveLength(1);
  });
});

/** Control characters other than the newline, and bidirectional overrides, as code points. */
const unsafeCharacters = (text: string) =>
  [...text]
    .map((char) => char.codePointAt(0) ?? 0)
    .filter(
      (code) =>
        (code < 0x20 && code !== 0x0a) ||
        (code >= 0x7f && code <= 0x9f) ||
        (code >= 0x202a && code <= 0x202e),
    );

describe('control characters in a plan', () => {
  it('are shown as escapes in text and markdown, never sent to the terminal or the page', () => {
    for (const format of ['text', 'markdown'] as const) {
      const out = formatPlan(plan, format, heading);

      expect(unsafeCharacters(out), format).toEqual([]);
      // As JSON writes them inside a quoted value, or as \x1b outside one.
      expect(out, format).toMatch(/ops\\(x1b|u001b)\[2K\\(x1b|u001b)\[1A.* \\u202eevil/);
    }
  });

  it('keep every change on a line of its own in text', () => {
    const lines = formatPlan(plan, 'text', heading).split('\n');

    expect(lines.filter((line) => /^[-+~] /.test(line))).toHaveLength(plan.changes.length);
    expect(lines).toContain(
      '- roles "user\\n\\n**0 to create, 0 to update, 0 to delete** (plan spoof)\\n\\n````"',
    );
  });
});
