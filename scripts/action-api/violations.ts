/**
 * A violation is something the handler did that Auth0 would silently ignore, refuse, or fail the login for,
 * although the handler itself did not throw (a dropped claim, a fifth MFA command...). `run()` fails on
 * violations unless the test opts in and asserts on them.
 */

export type ViolationRule =
  | 'restricted-claim'
  | 'reserved-namespace'
  | 'non-namespaced-claim'
  | 'claims-too-large'
  | 'deny-after-deny'
  | 'too-many-mfa-commands'
  | 'redirect-not-possible'
  | 'redirect-and-render'
  | 'prompt-render-twice'
  | 'refresh-token-revoke-outside-refresh'
  | 'metadata-too-large'
  | 'secret-in-logs';

export interface Violation {
  rule: ViolationRule;
  message: string;
}

export class ViolationsError extends Error {
  readonly violations: readonly Violation[];

  constructor(violations: readonly Violation[]) {
    const lines = violations.map((violation) => `  - [${violation.rule}] ${violation.message}`);
    super(
      [
        `The handler did ${violations.length} thing(s) Auth0 would not honour:`,
        ...lines,
        'If the test is about this, run with { expectViolations: true } and assert on `.violations`.',
      ].join('\n'),
    );
    this.name = 'ViolationsError';
    this.violations = violations;
  }
}

export interface RunOptions {
  /** The test expects violations and asserts on `.violations`; `run()` does not fail on them. */
  expectViolations?: boolean;
}

/** Throws `ViolationsError` when there are violations the test did not opt into. */
export function assertNoUnexpectedViolations(violations: readonly Violation[], allowed: boolean): void {
  if (!allowed && violations.length > 0) throw new ViolationsError(violations);
}

/** Every secret value (long enough not to match by accident) that appears in a captured log line. */
export function secretsInLogs(
  secrets: Readonly<Record<string, string | undefined>>,
  messages: readonly string[],
): Violation[] {
  const violations: Violation[] = [];
  for (const [name, value] of Object.entries(secrets)) {
    if (value === undefined || value.length < 6) continue;
    if (messages.some((message) => message.includes(value))) {
      violations.push({
        rule: 'secret-in-logs',
        message: `the value of secret ${name} appears in the console output (Auth0 keeps it in the execution log)`,
      });
    }
  }
  return violations;
}
