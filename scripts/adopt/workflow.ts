/**
 * The deploy workflow hands each deploy step the secrets the environment files name (the workflow test
 * holds it to that). After an adoption those are the adopted ones: each deploy step's TENANT_SECRET_*
 * entries are replaced, the rest of the file (comments included) left as it is. A step that deploys one
 * environment by name (`npm run deploy -- --env dev`) gets exactly that environment's; a matrix step
 * (`--env "$TENANT"`, one tenant of a wave per job) gets every environment's, each job's values coming
 * from its tenant's GitHub environment.
 */
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { secretVariable } from './write';

/** The workflow that deploys each environment (relative to the repository). */
export const DEPLOY_WORKFLOW = '.github/workflows/deploy.yml';

export interface WorkflowUpdate {
  text: string;
  /** Environments with secrets but no deploy step to hand them to. */
  withoutDeployStep: string[];
}

/** Which environments a step's script deploys: one by name, every one (a matrix), or none. */
function deployedBy(run: unknown): { env: string } | 'matrix' | undefined {
  if (typeof run !== 'string') return undefined;
  const target = /npm run deploy -- --env ("?\$\{?[A-Z_]+\}?"?|[a-z0-9-]+)/.exec(run)?.[1];
  if (target === undefined) return undefined;
  return target.includes('$') ? 'matrix' : { env: target };
}

export function withAdoptedSecrets(
  text: string,
  secretsByEnv: Readonly<Record<string, readonly string[]>>,
): WorkflowUpdate {
  const document = parseDocument(text);
  const served = new Set<string>();
  const jobs = document.get('jobs');
  for (const job of isMap(jobs) ? jobs.items : []) {
    const steps = isMap(job.value) ? job.value.get('steps') : undefined;
    for (const step of isSeq(steps) ? steps.items : []) {
      if (!isMap(step)) continue;
      const deploys = deployedBy(step.get('run'));
      if (deploys === undefined) continue;
      const envs = deploys === 'matrix' ? Object.keys(secretsByEnv) : [deploys.env];
      const secrets = envs.flatMap((env) => secretsByEnv[env] ?? []);
      if (deploys !== 'matrix' && secretsByEnv[deploys.env] === undefined) continue;
      for (const env of envs) served.add(env);
      if (!step.has('env')) step.set('env', document.createNode({}));
      const variables = step.get('env');
      if (!isMap(variables)) continue;
      // The adopted secrets where the old ones were (before ALLOW_DELETE and the like), sorted.
      const isSecret = (pair: (typeof variables.items)[number]) =>
        isScalar(pair.key) && String(pair.key.value).startsWith('TENANT_SECRET_');
      const at = variables.items.findIndex(isSecret);
      const kept = variables.items.filter((pair) => !isSecret(pair));
      const adopted = [...new Set(secrets)].sort().map((name) => {
        const variable = secretVariable(name);
        return document.createPair(variable, `\${{ secrets.${variable} }}`);
      });
      const position = at < 0 ? kept.length : at;
      variables.items = [...kept.slice(0, position), ...adopted, ...kept.slice(position)];
    }
  }
  return {
    text: document.toString({ lineWidth: 0, flowCollectionPadding: false }),
    withoutDeployStep: Object.keys(secretsByEnv).filter((env) => !served.has(env)),
  };
}
