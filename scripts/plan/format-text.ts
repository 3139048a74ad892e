/**
 * The plan as lines of text: the summary, one line per change and one per field, values whole as one
 * escaped line each (code fields as the lines they add and remove, format-code.ts). The text format is these lines; the markdown format folds them into its detail block.
 */
import { codeSummary, isCodeField } from './format-code';
import { printableLine } from './format-escape';
import type { ChangeAction, FieldChange, Plan, ResourceChange } from './types';

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

export const SIGN: Record<ChangeAction, string> = { create: '+', update: '~', delete: '-' };
const TITLE = { plan: 'Plan', drift: 'Drift' } as const;

/** `Plan for dev (example.eu.auth0.com)`: what the plan is of. */
export function titleOf(heading: PlanHeading): string {
  return `${TITLE[heading.mode]} for ${printableLine(heading.env)} (${printableLine(heading.target)})`;
}

/** Counts only: nothing from the tenant is in it, so it reads the same in every format. */
export function summaryLine(plan: Plan, heading: PlanHeading): string {
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

export function formatText(plan: Plan, heading: PlanHeading, digest: string | undefined): string {
  const lines = [`${titleOf(heading)}: ${summaryLine(plan, heading)}`];
  if (plan.changes.length > 0) lines.push('', ...changeLines(plan, heading));
  if (plan.notes.length > 0) {
    lines.push('', 'Notes:', ...plan.notes.map((note) => `  ${printableLine(note)}`));
  }
  if (digest) lines.push('', digestLine(digest));
  return `${lines.join('\n')}\n`;
}

/** The plan's digest, and what to do with it: a deploy given it writes only this exact plan. */
export function digestLine(short: string, code = (text: string) => text): string {
  return `Plan digest: ${code(short)} (deploy exactly this plan with ${code(`APPROVED_PLAN=${short}`)})`;
}

/** One line per change and per field; nothing from the tenant can start a line of its own. */
export function changeLines(plan: Plan, heading: PlanHeading): string[] {
  const lines: string[] = [];
  for (const change of plan.changes) {
    const skipped = change.action === 'delete' && !heading.allowDelete && heading.mode === 'plan';
    lines.push(
      `${SIGN[change.action]} ${printableLine(change.type)} ${quote(change.name)}${skipped ? '  (kept: needs --allow-delete)' : ''}`,
    );
    for (const field of change.fields)
      lines.push(`    ${printableLine(field.path)}: ${fieldChange(change, field)}`);
  }
  return lines;
}

function fieldChange(change: ResourceChange, field: FieldChange): string {
  if (isCodeField(change.type, field.path) && isText(field.before) && isText(field.after)) {
    return codeSummary(change.action === 'create' ? undefined : field.before, field.after);
  }
  if (change.action === 'create' || field.before === undefined) return show(field.after);
  if (field.after === undefined) return `${show(field.before)} -> (removed)`;
  if (Array.isArray(field.before) && Array.isArray(field.after)) {
    return showListChange(field.before, field.after);
  }
  return `${show(field.before)} -> ${show(field.after)}`;
}

const isText = (value: unknown): value is string | undefined =>
  value === undefined || typeof value === 'string';

export function quote(name: string): string {
  return /^[\w.:/-]+$/.test(name) ? name : printableLine(JSON.stringify(name));
}

/** A value as one line, whole: a string quoted, its newlines and control characters escaped. */
export function show(value: unknown): string {
  if (value === undefined) return '(not set)';
  return printableLine(JSON.stringify(value));
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
