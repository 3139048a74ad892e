/** The mapping keys a tenant file may not hold, refused before the file becomes data (yaml-file.ts). */
import { type Document, isAlias, isMap, isScalar, isSeq, type Node } from 'yaml';
import { findPlaceholders, type Unmask } from './placeholders';
import { type Problem, problemAt } from './problem';
import type { At } from './yaml-file';

/**
 * Keys that name a JavaScript object's prototype machinery. Turned into data they change an object's
 * prototype instead of adding a field, so whatever is under them vanishes from every check (a secret, a
 * token setting, a waiver) and from the build.
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * What a mapping key may not be: one of the prototype names above (also through an alias), anything but
 * plain text (a list or mapping as a key), or a ##KEY## / @@KEY@@ marker. deploy-cli replaces markers in
 * the raw text, keys included, so a marker in a key would turn into a setting name, or deploy a secret as
 * a key anyone can read, that no check ever saw.
 */
export function keyProblems(document: Document, at: At, unmask: Unmask): Problem[] {
  const problems: Problem[] = [];
  const refuse = (key: Node | null, message: string, hint: string) =>
    problems.push(
      problemAt(at(key?.range?.[0] ?? 0), { path: '', rule: 'yaml/forbidden-key', message, hint }),
    );
  const visit = (node: unknown) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const written = pair.key as Node | null;
        const key = isAlias(written) ? (written.resolve(document) as Node | undefined) : written;
        if (key !== null && key !== undefined && !isScalar(key)) {
          refuse(written, 'a key must be plain text, not a list or a mapping', 'write the key as text');
        } else if (isScalar(key)) {
          const name = unmask(String(key.value));
          if (FORBIDDEN_KEYS.has(name)) {
            refuse(
              written,
              `the key "${name}" is not allowed: it would change the objects the file is read into instead of adding a field`,
              `remove "${name}:" (no Auth0 setting has this name)`,
            );
          } else if (findPlaceholders(name).length > 0) {
            refuse(
              written,
              `the key "${name}" holds a ##KEY## or @@KEY@@ marker: deploy-cli would replace it with the keyword's or secret's value`,
              'write the key itself; keywords and secrets fill values only',
            );
          }
        }
        visit(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) visit(item);
    }
  };
  visit(document.contents);
  return problems;
}

/** Not a prototype name and holding no marker: the keys keyProblems lets through. */
export const isPlainKey = (name: string) => !FORBIDDEN_KEYS.has(name) && findPlaceholders(name).length === 0;
