import { printableLine, printableText } from '../printable';
import type { WaivedProblem } from './policy/waivers';
import { countBySeverity, type Problem } from './problem';

/** How the check's result is printed: for people (text), for GitHub annotations, for tools (json). */
export const FORMATS = ['text', 'github', 'json'] as const;
export type Format = (typeof FORMATS)[number];

export interface Report {
  env: string;
  problems: readonly Problem[];
  waived: readonly WaivedProblem[];
  /** What a reviewer must read first (a production environment's tier changed): printed above all else. */
  notices?: readonly string[];
}

export function formatReport(report: Report, format: Format): string {
  switch (format) {
    case 'github':
      return formatGithub(report);
    case 'json':
      return formatJson(report);
    default:
      return formatText(report);
  }
}

function location(problem: Problem): string {
  return `${printableLine(problem.file)}:${problem.line}:${problem.column}`;
}

/**
 * tenant/tenant.yaml:42:7  error  urls/https-only  callback "http://app.example.com/cb" is not https
 *                                hint: use https, or ...
 */
export function formatText({ env, problems, waived, notices = [] }: Report): string {
  const lines: string[] = notices.map((notice) => `!! ${printableLine(notice)}`);
  if (lines.length > 0) lines.push('');
  for (const problem of problems) {
    const head = `${location(problem)}  ${problem.severity}  `;
    lines.push(`${head}${problem.rule}  ${printableLine(problem.message)}`);
    if (problem.hint) lines.push(`${' '.repeat(head.length)}hint: ${printableLine(problem.hint)}`);
  }
  const { errors, warnings } = countBySeverity(problems);
  if (lines.length > 0) lines.push('');
  const waivedNote = waived.length > 0 ? `, ${waived.length} waived` : '';
  lines.push(
    errors + warnings === 0
      ? `check passed for environment "${printableLine(env)}": no problems${waivedNote}`
      : `check ${errors > 0 ? 'failed' : 'passed'} for environment "${printableLine(env)}": ${plural(errors, 'error')}, ${plural(warnings, 'warning')}${waivedNote}`,
  );
  return `${lines.join('\n')}\n`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** GitHub workflow commands: each problem becomes an annotation on the pull request's diff. */
export function formatGithub({ env, problems, waived, notices = [] }: Report): string {
  const noticeLines = notices.map(
    (notice) => `::warning title=tier change::${escapeData(printableText(notice))}`,
  );
  const lines = problems.map((problem) => {
    const properties = [
      `file=${escapeProperty(problem.file)}`,
      `line=${problem.line}`,
      `col=${problem.column}`,
      `title=${escapeProperty(problem.rule)}`,
    ].join(',');
    // An annotation may span lines (%0A below); anything else that would act in the log is escaped.
    const message = printableText(
      problem.hint ? `${problem.message}\nhint: ${problem.hint}` : problem.message,
    );
    return `::${problem.severity} ${properties}::${escapeData(message)}`;
  });
  const { errors, warnings } = countBySeverity(problems);
  lines.push(
    `tenant check (${env}): ${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${waived.length} waived`,
  );
  return `${[...noticeLines, ...lines].join('\n')}\n`;
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatJson({ env, problems, waived, notices = [] }: Report): string {
  const { errors, warnings } = countBySeverity(problems);
  const report = {
    env,
    ok: errors === 0,
    errors,
    warnings,
    ...(notices.length > 0 && { notices }),
    problems,
    waived,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
