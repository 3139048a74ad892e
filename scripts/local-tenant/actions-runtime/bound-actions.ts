/**
 * What a trigger runs: its bindings in order (`state.bindings[trigger]`), each the bound action's deployed
 * version (`deployed_version_id`) with the action's secret values, as a deploy left them in the state.
 */
import type { ActionRecord, TenantState } from '../state/types';
import type { DeployedCode } from './protocol';

export interface BoundAction {
  action: ActionRecord;
  code: DeployedCode;
  secrets: Record<string, string>;
}

/** The trigger's bound Actions with their deployed code, or why the flow cannot run. */
export function boundActions(state: TenantState, trigger: string): BoundAction[] | string {
  const steps: BoundAction[] = [];
  for (const binding of state.bindings[trigger] ?? []) {
    const action = state.actions.find((candidate) => candidate.id === binding.action_id);
    const version = action?.versions.find((candidate) => candidate.id === action.deployed_version_id);
    if (!action || !version) {
      return `${binding.display_name} is bound to ${trigger} but has no deployed version; deploy it`;
    }
    steps.push({
      action,
      code: {
        versionId: version.id,
        actionName: action.name,
        code: version.code,
        dependencies: version.dependencies.map((dependency) => ({
          name: String(dependency.name),
          ...(typeof dependency.version === 'string' ? { version: dependency.version } : {}),
        })),
      },
      secrets: Object.fromEntries(action.secrets.map((secret) => [secret.name, secret.value])),
    });
  }
  return steps;
}
