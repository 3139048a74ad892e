import { type Problem, problemAt, type SourcePosition } from '../tenant/problem';

/** Auth0 stores each Action's and script's code as one string; large bundles also start slower. */
export const SIZE_LIMITS = { failBytes: 100 * 1024, warnBytes: 50 * 1024 } as const;

export function sizeProblem(
  what: string,
  bytes: number,
  at: SourcePosition & { path: string },
  limits: { failBytes: number; warnBytes: number } = SIZE_LIMITS,
): Problem | undefined {
  if (bytes <= limits.warnBytes) return undefined;
  const fails = bytes > limits.failBytes;
  const limit = fails ? limits.failBytes : limits.warnBytes;
  return problemAt(at, {
    path: at.path,
    rule: 'build/size',
    severity: fails ? 'error' : 'warning',
    message: `${what} bundles to ${kB(bytes)}, over the ${fails ? '' : 'warning '}limit of ${kB(limit)}`,
    hint: 'leave npm packages to dependencies instead of importing them by path, and drop unused imports',
  });
}

export function kB(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} kB`;
}
