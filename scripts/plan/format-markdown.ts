/**
 * The plan as markdown, for the pull-request comment and the job summary: a heading, the summary line, a
 * table of changes, then the field-by-field lines folded away, and each code field's diff folded away. Every name, key and value is escaped
 * (format-escape.ts), so nothing from the tenant can read as the plan's own structure.
 */
import { addedRemoved, codeCounts, codeDiff, isCodeField } from './format-code';
import { fencedBlock, htmlText, inlineCode, markdownText } from './format-escape';
import { changeLines, digestLine, type PlanHeading, SIGN, summaryLine } from './format-text';
import type { Plan, ResourceChange } from './types';

export function formatMarkdown(plan: Plan, heading: PlanHeading, digest: string | undefined): string {
  const out = [`### Auth0 ${heading.mode}: ${inlineCode(heading.env)} (${markdownText(heading.target)})`, ''];
  out.push(`**${summaryLine(plan, heading)}**`, '');
  if (digest)
    out.push(
      digestLine(digest, (text) => `\`${text}\``),
      '',
    );
  if (plan.changes.length > 0) {
    out.push('| | Type | Name | Fields |', '|---|---|---|---|');
    for (const change of plan.changes) {
      const fields = change.fields.map((field) => inlineCode(field.path, true));
      const listed = fields.length > 6 ? [...fields.slice(0, 6), `+${fields.length - 6} more`] : fields;
      out.push(
        `| ${SIGN[change.action]} | ${markdownText(change.type)} | ${inlineCode(change.name, true)} | ${listed.join(', ')} |`,
      );
    }
    out.push('', '<details><summary>Field by field</summary>', '');
    out.push(...fencedBlock(changeLines(plan, heading), 'diff'), '', '</details>');
    out.push(...plan.changes.flatMap(codeDiffs));
  }
  if (plan.notes.length > 0) out.push('', ...plan.notes.map((note) => `- ${markdownText(note)}`));
  return `${out.join('\n')}\n`;
}

/** Each code field of a change as its unified diff in a folded block of its own. */
function codeDiffs(change: ResourceChange): string[] {
  return change.fields.flatMap((field) => {
    const before = change.action === 'create' ? undefined : field.before;
    if (!isCodeField(change.type, field.path)) return [];
    if (!isTextOrUnset(before) || !isTextOrUnset(field.after)) return [];
    const title = `${change.type} ${change.name}: ${field.path}, ${addedRemoved(codeCounts(before ?? '', field.after ?? ''))}`;
    return [
      '',
      `<details><summary>${htmlText(title)}</summary>`,
      '',
      ...fencedBlock(codeDiff(field.path, before, field.after), 'diff'),
      '',
      '</details>',
    ];
  });
}

const isTextOrUnset = (value: unknown): value is string | undefined =>
  value === undefined || typeof value === 'string';
