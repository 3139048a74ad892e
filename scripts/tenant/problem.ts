/**
 * A problem found in the tenant files: where (file:line:column and the path in the document), which rule,
 * what, and how to fix it. Every stage reports problems as data; only the CLI prints them.
 */
export type Severity = 'error' | 'warning';

export interface Problem {
  file: string;
  line: number;
  column: number;
  /** Readable path in the document, e.g. `clients[Documents SPA].grant_types[1]`; '' for the whole file. */
  path: string;
  rule: string;
  severity: Severity;
  message: string;
  hint: string;
  expected?: string;
  found?: string;
}

export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

export function problemAt(
  at: SourcePosition,
  fields: Omit<Problem, 'file' | 'line' | 'column' | 'severity'> & { severity?: Severity },
): Problem {
  const problem: Problem = {
    file: at.file,
    line: at.line,
    column: at.column,
    path: fields.path,
    rule: fields.rule,
    severity: fields.severity ?? 'error',
    message: fields.message,
    hint: fields.hint,
  };
  if (fields.expected !== undefined) problem.expected = fields.expected;
  if (fields.found !== undefined) problem.found = fields.found;
  return problem;
}

/** File, then position, then rule: the order a reader walks the files in. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      a.rule.localeCompare(b.rule) ||
      a.message.localeCompare(b.message),
  );
}

export function countBySeverity(problems: readonly Problem[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const problem of problems) if (problem.severity === 'error') errors += 1;
  return { errors, warnings: problems.length - errors };
}

/** How a value reads in a message, without ever echoing long or secret-looking content in full. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (null)';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return `string ${JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value)}`;
  return `${typeof value} ${String(value)}`;
}
