import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { readEnvironmentFile } from '../tenant/load';
import type { Problem } from '../tenant/problem';
import type { FleetEnvironment } from './waves';

/**
 * Every environment file of `<dir>/environments/` as the fleet reads it, with the problems that make its
 * place in the fleet unknown (YAML, the schema, a wave outside production), each at file:line:column.
 */
export async function readFleet(
  dir: string,
): Promise<{ environments: FleetEnvironment[]; problems: Problem[] }> {
  const environmentsDir = path.join(dir, 'environments');
  const names = (await readdir(environmentsDir)).filter((name) => name.endsWith('.yaml')).sort();
  const environments: FleetEnvironment[] = [];
  const problems: Problem[] = [];
  for (const name of names) {
    const file = path.join(environmentsDir, name);
    const read = readEnvironmentFile(await readFile(file, 'utf8'), file, name.slice(0, -'.yaml'.length));
    problems.push(...read.problems);
    if (!read.environment) continue;
    const { name: env, tier, data } = read.environment;
    environments.push({ env, tier, wave: typeof data.wave === 'number' ? data.wave : undefined });
  }
  return { environments, problems };
}
