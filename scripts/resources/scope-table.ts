/**
 * The README's Management API scope table and scope lists, made from the registry, so that the scopes a
 * team grants its applications are the ones the deploy needs (a test compares the README with this).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RESOURCE_TYPES } from './index';

const code = (scopes: readonly string[]) => scopes.map((scope) => `\`${scope}\``).join(', ') || 'n/a';

/** One row per type; types that share calls and scopes (`databases`, `connections`) share a row. */
export function scopeTable(): string {
  const rows = new Map<string, { names: string[]; cells: string[] }>();
  for (const type of RESOURCE_TYPES) {
    const cells = [type.calls, code(type.scopes.read), code(type.scopes.write), code(type.scopes.remove)];
    const row = rows.get(cells.join('|'));
    const name = type.title
      ? `\`${type.key}\` ${type.title.slice(type.key.length).trim()}`
      : `\`${type.key}\``;
    if (row) row.names.push(name);
    else rows.set(cells.join('|'), { names: [name], cells });
  }
  const header = [
    '`tenant.yaml`',
    'calls',
    'read (plan, export, deploy)',
    'write (deploy)',
    'delete (`--allow-delete` only)',
  ];
  const body = [...rows.values()].map(({ names, cells }) => [names.join(', '), ...cells]);
  // Padded the way the formatter (biome) pads markdown tables, so the README stays as it writes it.
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...body.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)].join('\n');
}

const unique = (scopes: readonly string[]) => [...new Set(scopes)];

/** Scopes as a code block, wrapped the way the README wraps text. */
function block(lines: string[]): string {
  const wrapped: string[] = [];
  for (const line of lines) {
    let current = '';
    for (const scope of line.split(' ')) {
      if (current && current.length + scope.length + 1 > 104) {
        wrapped.push(current);
        current = scope;
      } else current = current ? `${current} ${scope}` : scope;
    }
    if (current) wrapped.push(current);
  }
  return ['```', ...wrapped, '```'].join('\n');
}

/** The deploy application's scopes: per type, its reads and writes not already listed for an earlier one. */
function deployLines(): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const type of RESOURCE_TYPES) {
    const fresh = unique([...type.scopes.read, ...type.scopes.write]).filter((scope) => !seen.has(scope));
    for (const scope of fresh) seen.add(scope);
    if (fresh.length > 0) lines.push(fresh.join(' '));
  }
  return lines;
}

export const SCOPES_START =
  '<!-- scopes: made by `npx tsx scripts/resources/scope-table.ts --write` from scripts/resources/ -->';
export const SCOPES_END = '<!-- scopes end -->';

/** The README's whole scope section between its markers. */
export function scopeSection(): string {
  const reads = unique(RESOURCE_TYPES.flatMap((type) => type.scopes.read)).join(' ');
  const deletes = unique(RESOURCE_TYPES.flatMap((type) => type.scopes.remove));
  return [
    SCOPES_START,
    '',
    scopeTable(),
    '',
    'The **plan (read-only)** application gets the read column:',
    '',
    block([reads]),
    '',
    'The **deploy** application gets the read and write columns:',
    '',
    block(deployLines()),
    '',
    'and, only if you deploy with `--allow-delete`:',
    '',
    block([deletes.join(' ')]),
    '',
    'Leaving the delete scopes out makes a delete impossible whatever the flags say.',
    '',
    SCOPES_END,
  ].join('\n');
}

/** README text with its scope section made anew (throws when the markers are missing). */
export function withScopeSection(readme: string): string {
  const start = readme.indexOf(SCOPES_START);
  const end = readme.indexOf(SCOPES_END);
  if (start < 0 || end < start)
    throw new Error(`README.md has no scope section between ${SCOPES_START} and ${SCOPES_END}`);
  return readme.slice(0, start) + scopeSection() + readme.slice(end + SCOPES_END.length);
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--write')) {
  const file = fileURLToPath(new URL('../../README.md', import.meta.url));
  writeFileSync(file, withScopeSection(readFileSync(file, 'utf8')));
}
