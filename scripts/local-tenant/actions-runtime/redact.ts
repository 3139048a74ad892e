/** Every value of an Action's secrets is `[redacted]` in its logs (Auth0 keeps logs; we print them). */
export const REDACTED = '[redacted]';

export function redactSecrets(
  lines: readonly { level: string; message: string }[],
  secretValues: readonly string[],
): { level: string; message: string }[] {
  // Longest first, so a secret that contains another is replaced whole.
  const values = [...new Set(secretValues.filter((value) => value.length > 0))].sort(
    (a, b) => b.length - a.length,
  );
  return lines.map(({ level, message }) => ({
    level,
    message: values.reduce((text, value) => text.split(value).join(REDACTED), message),
  }));
}
