import type { SecretSource } from '../tenant/load';
import { type Problem, problemAt, type SourcePosition } from '../tenant/problem';
import { readSecretValues } from '../tenant/secret-values';
import type { DistFile } from './write-dist';

/**
 * Proof, not hope, that nothing secret is written: every secret value known at build time (a local
 * environment's throwaway values, and any secret variable set in this process) is looked for in every
 * output file. The message names the secret, never its value.
 */
export function secretLeaks(
  files: readonly DistFile[],
  secrets: Readonly<Record<string, SecretSource>>,
  environment: Readonly<Record<string, string | undefined>>,
  at: SourcePosition,
): Problem[] {
  const { values } = readSecretValues(secrets, environment);
  const problems: Problem[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (value.length < 4) continue; // too short to tell from ordinary text
    for (const file of files) {
      if (!file.content.includes(value)) continue;
      problems.push(
        problemAt(at, {
          path: '',
          rule: 'build/secret-in-output',
          message: `the value of secret ${key} appears in the built ${file.path}`,
          hint: `keep ${key} a ##${key}## placeholder in tenant.yaml, and read it from event.secrets or configuration in code`,
        }),
      );
    }
  }
  return problems;
}
