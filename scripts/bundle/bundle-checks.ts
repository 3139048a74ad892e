import { type Problem, problemAt, type SourcePosition } from '../tenant/problem';
import type { Bundled } from './bundle-all';
import { keywordMarkersIn } from './keyword-markers';
import { SIZE_LIMITS, sizeProblem } from './size-limits';

/** What is checked on each finished bundle: its size, and markers deploy-cli would replace in it. */
export function bundleProblems(
  bundled: readonly Bundled[],
  options: {
    at: (pointer: string) => SourcePosition;
    /** The environment's keyword and secret names. */
    keywordNames: ReadonlySet<string>;
    sizeLimits?: { failBytes: number; warnBytes: number };
  },
): Problem[] {
  const problems: Problem[] = [];
  for (const file of bundled) {
    const what = file.kind === 'action' ? `action ${file.name}` : `custom-database script ${file.name}`;
    const where = { ...options.at(file.pointer), path: file.readablePath };
    const size = sizeProblem(what, file.bytes, where, options.sizeLimits ?? SIZE_LIMITS);
    if (size) problems.push(size);
    for (const key of keywordMarkersIn(file.content, options.keywordNames)) {
      problems.push(
        problemAt(where, {
          path: where.path,
          rule: 'build/keyword-in-code',
          message: `the code of ${what} contains ${key} between ## or @@ markers; deploy-cli would replace it with the value at deploy time`,
          hint: `spell it differently in ${file.source} (e.g. split the string: '#' + '#${key}##'); read values from event.secrets or configuration`,
        }),
      );
    }
  }
  return problems;
}
