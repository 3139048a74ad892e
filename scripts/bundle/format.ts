import path from 'node:path';
import { FORMATS, type Format, formatReport } from '../tenant/format';
import { countBySeverity } from '../tenant/problem';
import type { BuildResult } from './build-tenant';
import { kB } from './size-limits';

export type BuildFormat = Format;
export const BUILD_FORMATS = FORMATS;

/**
 * What `npm run build` prints: the check's report exactly as `npm run check` prints it, then the build's
 * own problems in the same form (text, GitHub annotations) and what was written. `json` is one object.
 */
export function formatBuild(result: BuildResult, format: BuildFormat): string {
  if (format === 'json') return `${JSON.stringify(buildJson(result), null, 2)}\n`;
  const checkReport = formatReport({ env: result.env, ...result.check }, format);
  const checkFailed = countBySeverity(result.check.problems).errors > 0;
  if (checkFailed) return `${checkReport}build stopped: the check found errors; nothing was written\n`;

  const lines = problemLines(result, format);
  const { errors, warnings } = countBySeverity(result.problems);
  if (!result.ok) {
    lines.push(
      `build failed for environment "${result.env}": ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}; nothing was written`,
    );
  } else {
    lines.push(`build passed for environment "${result.env}": wrote ${result.outDir}${path.sep}`);
    const width = Math.max(...result.files.map((file) => file.path.length));
    for (const file of result.files) {
      const requires = file.packages.length > 0 ? `  requires ${file.packages.join(', ')}` : '';
      lines.push(`  ${file.path.padEnd(width)}  ${kB(file.bytes).padStart(8)}${requires}`);
    }
  }
  return `${checkReport}${lines.join('\n')}\n`;
}

/**
 * The build's problems, one per line as the check prints its own. The check's formatter does the work;
 * its closing summary line (about the check) is dropped.
 */
function problemLines(result: BuildResult, format: Exclude<BuildFormat, 'json'>): string[] {
  if (result.problems.length === 0) return [];
  const report = formatReport({ env: result.env, problems: result.problems, waived: [] }, format);
  const lines = report.trimEnd().split('\n');
  lines.pop();
  return lines;
}

function buildJson(result: BuildResult) {
  const checkCounts = countBySeverity(result.check.problems);
  const buildCounts = countBySeverity(result.problems);
  return {
    env: result.env,
    ok: result.ok,
    outDir: result.outDir,
    errors: checkCounts.errors + buildCounts.errors,
    warnings: checkCounts.warnings + buildCounts.warnings,
    check: result.check,
    problems: result.problems,
    files: result.files,
  };
}
