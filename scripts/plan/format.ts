import { createHash } from 'node:crypto';
import { planDigest, shortDigest } from './format-digest';
import type { ChangeAction, FieldChange, Plan, ResourceChange } from './types';

export const PLAN_FORMATS = ['text', 'markdown', 'json'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

export interface PlanHeading {
  /** `plan` (what a deploy would do) or `drift` (how the tenant differs from the repository). */
  mode: 'plan' | 'drift';
  env: string;
  /** The tenant's domain, or "local tenant 127.0.0.1:8443". */
  target: string;
  /** Whether deletes would be applied (--allow-delete); listed either way. */
  allowDelete: boolean;
}

export interface PlanCounts {
  create: number;
  update: number;
  delete: number;
}

export function countChanges(plan: Plan): PlanCounts {
  const counts: PlanCounts = { create: 0, update: 0, delete: 0 };
  for (const change of plan.changes) counts[change.action] += 1;
  return counts;
}

/** Whether a deploy would write anything: deletes only count when they are allowed. */
export function wouldWrite(plan: Plan, allowDelete: boolean): boolean {
  const counts = countChanges(plan);
  return counts.create + counts.update > 0 || (allowDelete && counts.delete > 0);
}

const SIGN: Record<ChangeAction, string> = { create: '+', update: '~', delete: '-' };
const TITLE = { plan: 'Plan', drift: 'Drift' } as const;

export function formatPlan(plan: Plan, format: PlanFormat, heading: PlanHeading): string {
  if (format === 'json') return `${JSON.stringify(toJson(plan, heading), null, 2)}\n`;
  if (format === 'markdown') return formatMarkdown(plan, heading);
  return formatText(plan, heading);
}

function summaryLine(plan: Plan, heading: PlanHeading): string {
  const counts = countChanges(plan);
  if (plan.changes.length === 0) return heading.mode === 'drift' ? 'no drift' : 'no changes';
  const parts =
    heading.mode === 'drift'
      ? [
          `${counts.create} missing from the tenant`,
          `${counts.update} changed`,
          `${counts.delete} only in the tenant`,
        ]
      : [`${counts.create} to create`, `${counts.update} to update`, `${counts.delete} to delete`];
  const skipped = counts.delete > 0 && !heading.allowDelete && heading.mode === 'plan';
  return `${parts.join(', ')}${skipped ? ' (deletes are not applied without --allow-delete)' : ''}`;
}

function formatText(plan: Plan, heading: PlanHeading): string {
  const lines = [
    `${TITLE[heading.mode]} for ${heading.env} (${heading.target}): ${summaryLine(plan, heading)}`,
  ];
  if (plan.changes.length > 0) lines.push('', ...changeLines(plan, heading));
  if (plan.notes.length > 0) lines.push('', 'Notes:', ...plan.notes.map((note) => `  ${note}`));
  if (heading.mode === 'plan' && plan.changes.length > 0) lines.push('', digestLine(plan, heading));
  return `${lines.join('\n')}\n`;
}

/**
 * The plan's digest, and what to do with it: a deploy given it writes only this exact plan. Printed when
 * there are changes (JSON always has it, and `npm run plan` sets it as a GitHub step output).
 */
function digestLine(plan: Plan, heading: PlanHeading, code = (text: string) => text): string {
  const short = shortDigest(planDigest(plan, heading));
  return `Plan digest: ${code(short)} (deploy exactly this plan with ${code(`APPROVED_PLAN=${short}`)})`;
}

function changeLines(plan: Plan, heading: PlanHeading): string[] {
  const lines: string[] = [];
  for (const change of plan.changes) {
    const skipped = change.action === 'delete' && !heading.allowDelete && heading.mode === 'plan';
    lines.push(
      `${SIGN[change.action]} ${change.type} ${quote(change.name)}${skipped ? '  (kept: needs --allow-delete)' : ''}`,
    );
    for (const field of change.fields) lines.push(`    ${fieldLine(change, field)}`);
  }
  return lines;
}

function fieldLine(change: ResourceChange, field: FieldChange): string {
  if (change.action === 'create' || field.before === undefined) return `${field.path}: ${show(field.after)}`;
  if (field.after === undefined) return `${field.path}: ${show(field.before)} -> (removed)`;
  if (Array.isArray(field.before) && Array.isArray(field.after)) {
    return `${field.path}: ${showListChange(field.before, field.after)}`;
  }
  return `${field.path}: ${show(field.before)} -> ${show(field.after)}`;
}

function quote(name: string): string {
  return /^[\w.:/-]+$/.test(name) ? name : JSON.stringify(name);
}

/** A value as one short line; code (multi-line text) as its size and digest, never its body. */
export function show(value: unknown): string {
  if (value === undefined) return '(not set)';
  if (typeof value === 'string' && value.includes('\n')) {
    const digest = createHash('sha256').update(value).digest('hex').slice(0, 12);
    return `(code: ${value.split('\n').length} lines, sha256 ${digest})`;
  }
  const text = JSON.stringify(value);
  // Long text is cut (it is rarely what a review is about); lists and objects are shown whole.
  return typeof value === 'string' && text.length > 200 ? `${text.slice(0, 197)}..."` : text;
}

function showListChange(before: unknown[], after: unknown[]): string {
  const whole = `${show(before)} -> ${show(after)}`;
  if (whole.length <= 160) return whole;
  const key = (item: unknown) => JSON.stringify(item);
  const had = new Set(before.map(key));
  const has = new Set(after.map(key));
  const added = after.filter((item) => !had.has(key(item)));
  const removed = before.filter((item) => !has.has(key(item)));
  const parts = [];
  if (added.length > 0) parts.push(`added ${show(added)}`);
  if (removed.length > 0) parts.push(`removed ${show(removed)}`);
  return parts.length > 0 ? parts.join(', ') : `reordered ${show(after)}`;
}

function formatMarkdown(plan: Plan, heading: PlanHeading): string {
  const out = [`### Auth0 ${heading.mode}: \`${heading.env}\` (${heading.target})`, ''];
  out.push(`**${summaryLine(plan, heading)}**`, '');
  if (heading.mode === 'plan' && plan.changes.length > 0) {
    out.push(
      digestLine(plan, heading, (text) => `\`${text}\``),
      '',
    );
  }
  if (plan.changes.length > 0) {
    out.push('| | Type | Name | Fields |', '|---|---|---|---|');
    for (const change of plan.changes) {
      const fields = change.fields.map((field) => `\`${field.path}\``);
      const listed = fields.length > 6 ? [...fields.slice(0, 6), `+${fields.length - 6} more`] : fields;
      out.push(`| ${SIGN[change.action]} | ${change.type} | ${cell(change.name)} | ${listed.join(', ')} |`);
    }
    out.push('', '<details><summary>Field by field</summary>', '', '````diff', ...changeLines(plan, heading));
    out.push('````', '', '</details>');
  }
  if (plan.notes.length > 0) out.push('', ...plan.notes.map((note) => `- ${cell(note)}`));
  return `${out.join('\n')}\n`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/</g, '&lt;');
}

function toJson(plan: Plan, heading: PlanHeading) {
  const brief = (value: unknown): unknown =>
    typeof value === 'string' && value.includes('\n') ? show(value) : value;
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
      fields: change.fields.map((field) => ({
        ...field,
        ...(field.before === undefined ? {} : { before: brief(field.before) }),
        ...(field.after === undefined ? {} : { after: brief(field.after) }),
      })),
    })),
    notes: plan.notes,
  };
}
