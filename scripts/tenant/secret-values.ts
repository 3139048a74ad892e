import type { SecretSource } from './load';

export interface SecretValues {
  /** Secret name -> value, for the deploy step only (deploy-cli's AUTH0_KEYWORD_REPLACE_MAPPINGS). */
  values: Record<string, string>;
  /** Secrets whose environment variable is unset or empty: the deploy must stop before it starts. */
  missing: { key: string; env: string }[];
}

/**
 * Reads each secret from where its environment file says it comes from. Only the deploy step calls this;
 * the check never needs secret values, and nothing here logs one.
 */
export function readSecretValues(
  secrets: Readonly<Record<string, SecretSource>>,
  environment: Readonly<Record<string, string | undefined>>,
): SecretValues {
  const values: Record<string, string> = {};
  const missing: { key: string; env: string }[] = [];
  for (const [key, source] of Object.entries(secrets)) {
    if ('value' in source) {
      values[key] = source.value;
      continue;
    }
    const value = environment[source.env];
    if (value === undefined || value === '') missing.push({ key, env: source.env });
    else values[key] = value;
  }
  return { values, missing };
}
