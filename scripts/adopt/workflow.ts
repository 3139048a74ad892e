/**
 * The deploy workflow hands each deploy step exactly the secrets its environment file names (the workflow
 * test holds it to that). After an adoption those are the adopted ones: each deploy step's TENANT_SECRET_*
 * entries are replaced by its environment's, the rest of the file (comments included) left as it is.
 */
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { secretVariable } from './write';

/** The workflow that deploys each environment (relative to the repository). */
export const DEPLOY_WORKFLOW = '.github/workflows/deploy.yml';

export interface WorkflowUpdate {
  text: string;
  /** Environments with secrets but no `npm run deploy -- --env <env>` step to hand them to. */
  withoutDeployStep: string[];
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
      const run = step.get('run');
      const env = typeof run === 'string' ? /npm run deploy -- --env ([a-z0-9-]+)/.exec(run)?.[1] : undefined;
      const secrets = env === undefined ? undefined : secretsByEnv[env];
      if (env === undefined || secrets === undefined) continue;
      served.add(env);
      if (!step.has('env')) step.set('env', document.createNode({}));
      const variables = step.get('env');
      if (!isMap(variables)) continue;
      // The adopted secrets where the old ones were (before ALLOW_DELETE and the like), sorted.
      const isSecret = (pair: (typeof variables.items)[number]) =>
        isScalar(pair.key) && String(pair.key.value).startsWith('TENANT_SECRET_');
      const at = variables.items.findIndex(isSecret);
      const kept = variables.items.filter((pair) => !isSecret(pair));
      const adopted = [...secrets].sort().map((name) => {
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
