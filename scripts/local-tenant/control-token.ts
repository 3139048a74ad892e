/**
 * The control token of a running local tenant, written beside its state file (`<state dir>/control-token`,
 * mode 0600) so that a command of the same user in another process (`npm run login` reading
 * `/__local/logins`) can use the controls of a tenant it did not start. A new token on every start.
 */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const controlTokenFile = (stateFile: string): string =>
  path.join(path.dirname(path.resolve(stateFile)), 'control-token');

export function writeControlToken(stateFile: string, token: string): void {
  const file = controlTokenFile(stateFile);
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  // `mode` applies only to a new file: one left by an earlier start keeps whatever mode it had.
  chmodSync(file, 0o600);
}

/** The token a running tenant of `stateFile` wrote, or undefined when there is none to read. */
export function readControlToken(stateFile: string): string | undefined {
  try {
    const token = readFileSync(controlTokenFile(stateFile), 'utf8').trim();
    return token === '' ? undefined : token;
  } catch {
    return undefined;
  }
}
