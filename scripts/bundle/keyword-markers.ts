import { findPlaceholders } from '../tenant/placeholders';

/**
 * deploy-cli replaces `##NAME##` and `@@NAME@@` in code files too, with the values it is given at deploy
 * time: secrets among them. A marker in built code would put a secret into the code, visible to anyone who
 * can read the Action. Returns the names found that are keywords or secrets of the environment.
 */
export function keywordMarkersIn(code: string, names: ReadonlySet<string>): string[] {
  const found = new Set<string>();
  for (const match of findPlaceholders(code)) if (names.has(match.key)) found.add(match.key);
  return [...found].sort();
}
