/**
 * The plan as markdown, for the pull-request comment and the job summary: a heading, the summary line, a
 * table of changes, then the field-by-field lines folded away. Every name, key and value is escaped
 * (format-escape.ts), so nothing from the tenant can read as the plan's own structure.
 */
import { fencedBlock, inlineCode, markdownText } from './format-escape';
import { changeLines, digestLine, type PlanHeading, SIGN, summaryLine } from './format-text';
import type { Plan } from './types';

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
  }
  if (plan.notes.length > 0) out.push('', ...plan.notes.map((note) => `- ${markdownText(note)}`));
  return `${out.join('\n')}\n`;
}
