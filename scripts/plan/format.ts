/**
 * The plan in its three formats: text (a terminal, a CI log), markdown (a pull-request comment, the job
 * summary) and JSON (tools). Each shows every change; nothing from the tenant is printed unescaped.
 */
import { createHash } from 'node:crypto';
import { codeCounts, isCodeField, lineCount } from './format-code';
import { planDigest, shortDigest } from './format-digest';
import { formatMarkdown } from './format-markdown';
import { countChanges, formatText, type PlanHeading } from './format-text';
import type { ChangeAction, FieldChange, Plan } from './types';

export { countChanges, type PlanCounts, type PlanHeading } from './format-text';

export const PLAN_FORMATS = ['text', 'markdown', 'json'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

/** The changes a deploy writes: deletes only when they are allowed. */
export function writtenChanges<T extends { action: ChangeAction }>(
  changes: readonly T[],
  allowDelete: boolean,
): T[] {
  return changes.filter((change) => change.action !== 'delete' || allowDelete);
}

/** Whether a deploy would write anything: deletes only count when they are allowed. */
export function wouldWrite(plan: Plan, allowDelete: boolean): boolean {
  return writtenChanges(plan.changes, allowDelete).length > 0;
}

export function formatPlan(plan: Plan, format: PlanFormat, heading: PlanHeading): string {
  if (format === 'json') return `${JSON.stringify(toJson(plan, heading), null, 2)}\n`;
  // The digest is printed when there are changes (JSON always has it, and `npm run plan` sets it as a
  // GitHub step output): a deploy given it writes only this exact plan.
  const digest =
    heading.mode === 'plan' && plan.changes.length > 0 ? shortDigest(planDigest(plan, heading)) : undefined;
  if (format === 'markdown') return formatMarkdown(plan, heading, digest);
  return formatText(plan, heading, digest);
}

function toJson(plan: Plan, heading: PlanHeading) {
  return {
    mode: heading.mode,
    env: heading.env,
    target: heading.target,
    allowDelete: heading.allowDelete,
    counts: countChanges(plan),
    ...(heading.mode === 'plan' ? { digest: planDigest(plan, heading) } : {}),
    types: plan.types,
    changes: plan.changes.map((change) => ({
      ...change,
      fields: change.fields.map((field) => (isCodeField(change.type, field.path) ? codeJson(field) : field)),
    })),
    notes: plan.notes,
  };
}

/** A code field as its size and digest (its body is in the build) and the lines it adds and removes. */
function codeJson(field: FieldChange) {
  const brief = (value: unknown) =>
    typeof value === 'string'
      ? `(code: ${lineCount(value)} lines, sha256 ${createHash('sha256').update(value).digest('hex').slice(0, 12)})`
      : value;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    ...field,
    ...(field.before === undefined ? {} : { before: brief(field.before) }),
    ...(field.after === undefined ? {} : { after: brief(field.after) }),
    lines: codeCounts(text(field.before), text(field.after)),
  };
}
