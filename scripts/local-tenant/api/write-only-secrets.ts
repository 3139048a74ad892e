import { isJsonObject } from '../http/validate';
import type { ActionSecret } from '../state/types';

/**
 * Secrets of an Action or an Action module: new secrets replace the list; an entry without a value keeps
 * the value it had (values are write-only, so a client that read the list can send it back unchanged).
 */
export function mergeSecrets(previous: ActionSecret[], incoming: unknown[], at: string): ActionSecret[] {
  return incoming.filter(isJsonObject).map((secret) => {
    const name = String(secret.name);
    const old = previous.find((candidate) => candidate.name === name);
    if (typeof secret.value !== 'string') return old ?? { name, value: '', updated_at: at };
    return old?.value === secret.value ? old : { name, value: secret.value, updated_at: at };
  });
}
