/**
 * Text from the tenant file or the tenant (a name, a key, a value) on its way into the plan's output. In
 * text, control characters and bidirectional overrides are shown as escapes (`scripts/printable.ts`). In
 * markdown, also nothing may act as markdown or HTML: a role named `x\n\n**0 to delete**` must not add a
 * summary line, a pipe must not add a table cell, backticks must not open a fence that swallows the rest.
 * JSON needs nothing: JSON.stringify escapes what JSON must.
 */
import { printableLine, printableText } from '../printable';

export { printableLine, printableText };

/**
 * One line of markdown text, shown as it is: the characters that start emphasis, code, links, HTML,
 * entities, strikethrough, math and table cells are backslash-escaped anywhere (CommonMark shows an escaped
 * punctuation character as itself; in a table cell `\|` is GitHub's pipe), and those that start a heading,
 * a quote or a list at the start of the text.
 */
export function markdownText(text: string): string {
  return printableLine(text)
    .replace(/[\\`*_[\]<>&|~$!]/g, '\\$&')
    .replace(/^[#+=-]/, '\\$&')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/**
 * One line as inline code: nothing inside is markdown or HTML (no emphasis, mention or emoji). The
 * delimiter is longer than any run of backticks inside. In a table cell (`table`), pipes are escaped as
 * GitHub's tables need, even inside code.
 */
export function inlineCode(text: string, table = false): string {
  const line = table ? printableLine(text).replace(/\|/g, '\\|') : printableLine(text);
  const fence = '`'.repeat(longestRun(line, '`') + 1);
  const pad = line.startsWith('`') || line.endsWith('`') || line.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${line}${pad}${fence}`;
}

/** One line inside an HTML element (a `<summary>`): nothing in it is a tag or an entity. */
export function htmlText(text: string): string {
  return printableLine(text).replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * Lines as a fenced code block (optionally with an info string such as `diff`): the fence is longer than
 * any run of backticks in the lines, so no line can close it, and control characters are escaped.
 */
export function fencedBlock(lines: readonly string[], info = ''): string[] {
  const body = lines.map((line) => printableText(line));
  const fence = '`'.repeat(Math.max(3, ...body.map((line) => longestRun(line, '`') + 1)));
  return [`${fence}${info}`, ...body, fence];
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const each of text) {
    run = each === char ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}
