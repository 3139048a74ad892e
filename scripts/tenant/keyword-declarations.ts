import { isRecord, type LoadedTenant } from './load';
import { findPlaceholders } from './placeholders';
import { type Problem, problemAt } from './problem';
import { childPointer, locate, locateKey } from './source-map';

/**
 * What the environment file declares and the tenant does not use, or declares twice: a key under both
 * keywords: and secrets:, a keyword or secret no value uses, a `@@NAME@@` inside a keyword's value.
 */
export function declarationProblems(
  loaded: LoadedTenant,
  used: ReadonlySet<string>,
  envFile: string,
): Problem[] {
  const envSources = loaded.environment?.sources ?? {};
  const problems: Problem[] = [];
  for (const key of Object.keys(loaded.secrets)) {
    if (key in loaded.keywords) {
      problems.push(
        problemAt(locateKey(envSources, childPointer('/secrets', key), envFile), {
          path: `secrets.${key}`,
          rule: 'keywords/defined-twice',
          message: `${key} is both a keyword and a secret`,
          hint: 'keep it under secrets: if its value is sensitive, else under keywords:, not both',
        }),
      );
    }
  }
  for (const [section, names] of [
    ['keywords', Object.keys(loaded.keywords)],
    ['secrets', Object.keys(loaded.secrets)],
  ] as const) {
    for (const key of names) {
      if (used.has(key)) continue;
      problems.push(
        problemAt(locateKey(envSources, childPointer(`/${section}`, key), envFile), {
          path: `${section}.${key}`,
          rule: `${section}/unused`,
          severity: 'warning',
          message: `${section === 'keywords' ? 'keyword' : 'secret'} ${key} is not used in ${loaded.file}`,
          hint: `remove it, or use it in tenant.yaml as ##${key}##`,
        }),
      );
    }
  }
  for (const [key, value] of Object.entries(loaded.keywords)) {
    const inner = wholeValuePlaceholder(value);
    if (inner === undefined) continue;
    problems.push(
      problemAt(locate(envSources, childPointer('/keywords', key), envFile), {
        path: `keywords.${key}`,
        rule: 'keywords/nested',
        message: `keyword ${key} contains @@${inner}@@; deploy-cli replaces it or not by the order of the keywords' names`,
        hint: `write the value of ${inner} out in full here (a ##NAME## placeholder inside a keyword is fine)`,
      }),
    );
  }
  return problems;
}

/** The name of the first `@@NAME@@` inside a keyword's value, if any. */
function wholeValuePlaceholder(value: unknown): string | undefined {
  if (typeof value === 'string') return findPlaceholders(value).find((match) => match.kind === 'array')?.key;
  const items = Array.isArray(value) ? value : isRecord(value) ? Object.values(value) : [];
  for (const item of items) {
    const found = wholeValuePlaceholder(item);
    if (found !== undefined) return found;
  }
  return undefined;
}
