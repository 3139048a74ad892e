import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { isRecord } from '../tenant/load';
import type { Problem } from '../tenant/problem';
import { TIERS } from '../tenant/schema/environment';
import { validateEnvironmentSchema } from '../tenant/schema/validate';
import { waveTierProblem } from '../tenant/wave';
import { parseYamlFile } from '../tenant/yaml-file';
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
    const parsed = parseYamlFile(await readFile(file, 'utf8'), file);
    problems.push(...parsed.problems.filter((problem) => problem.severity === 'error'));
    if (parsed.problems.some((problem) => problem.severity === 'error')) continue;
    const data = isRecord(parsed.data) ? parsed.data : {};
    problems.push(...validateEnvironmentSchema({ document: data, sources: parsed.sources, file }));
    const waveProblem = waveTierProblem(data, parsed.sources, file);
    if (waveProblem) problems.push(waveProblem);
    environments.push({
      env: name.slice(0, -'.yaml'.length),
      tier: TIERS.find((tier) => tier === data.tier),
      wave: typeof data.wave === 'number' ? data.wave : undefined,
    });
  }
  return { environments, problems };
}
