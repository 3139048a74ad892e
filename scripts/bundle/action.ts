import path from 'node:path';
import { asArray, asRecord, asString } from '../tenant/checks/read';
import { type Problem, problemAt, type SourcePosition } from '../tenant/problem';
import { childPointer, locate, type PositionMap } from '../tenant/source-map';
import { bundle } from './bundle';
import type { Lockfile } from './lockfile';

/** Auth0 Actions run on Node 22 (`runtime: node22`). */
export const ACTION_TARGET = 'node22';

export interface ActionSource {
  name: string;
  /** Absolute path of the action's entry file. */
  entry: string;
  /** JSON pointer of the action in the resolved tenant (`/actions/2`). */
  pointer: string;
  /** The action's `dependencies` item as written. */
  dependencies: unknown;
  /** The action's `supported_triggers` item as written. */
  triggers: unknown;
  /** The action's `modules` item as written: each names an Action module its code may require. */
  modules?: unknown;
  /** The names of the tenant's Action modules (`actionModules:`). */
  tenantModules?: ReadonlySet<string>;
}

/** The export Auth0 calls for each trigger (Actions "Triggers" reference). */
export const TRIGGER_HANDLERS: Readonly<Record<string, string>> = {
  'post-login': 'onExecutePostLogin',
  'pre-user-registration': 'onExecutePreUserRegistration',
  'post-user-registration': 'onExecutePostUserRegistration',
  'post-change-password': 'onExecutePostChangePassword',
  'credentials-exchange': 'onExecuteCredentialsExchange',
  'send-phone-message': 'onExecuteSendPhoneMessage',
  'custom-token-exchange': 'onExecuteCustomTokenExchange',
};

export interface BundledAction {
  code: string | undefined;
  packages: string[];
  problems: Problem[];
}

export interface ActionContext {
  lockfile: Lockfile;
  sources: PositionMap;
  tenantFile: string;
  displayPath: (absolutePath: string) => string;
}

/**
 * An Action's code as Auth0 runs it: one CommonJS file, our code inlined, and `require` left only for Node
 * built-ins and the npm packages the action declares, each at exactly the version in package-lock.json
 * (Auth0 installs what is declared; the lockfile is what the tests ran against).
 */
export async function bundleAction(action: ActionSource, context: ActionContext): Promise<BundledAction> {
  const declared = new Map<string, string>();
  const problems: Problem[] = [];
  const at = (pointer: string) => locate(context.sources, pointer, context.tenantFile);

  asArray(action.dependencies).forEach((item, index) => {
    const dependency = asRecord(item);
    const name = asString(dependency?.name);
    const version = asString(dependency?.version);
    if (!name || !version) return; // the schema check reports it
    declared.set(name, version);
    const locked = context.lockfile.find(name)?.version;
    if (locked === version) return;
    const pointer = childPointer(childPointer(`${action.pointer}/dependencies`, index), 'version');
    problems.push(
      problemAt(at(pointer), {
        path: `actions[${action.name}].dependencies[${name}].version`,
        rule: 'build/dependency-version',
        message:
          locked === undefined
            ? `action ${action.name} declares ${name}@${version}, which is not in ${context.lockfile.file}`
            : `action ${action.name} declares ${name}@${version}, but package-lock.json has ${locked}`,
        hint:
          locked === undefined
            ? `npm install --save-exact ${name}@${version}, so the tests run against what Auth0 installs`
            : `declare version ${locked}, or npm install --save-exact ${name}@${version}`,
      }),
    );
  });

  const result = await bundle({
    entry: action.entry,
    target: ACTION_TARGET,
    policy: {
      kind: 'action',
      owner: action.name,
      declared,
      modules: moduleNames(action.modules),
      tenantModules: action.tenantModules ?? new Set(),
    },
    lockfile: context.lockfile,
    displayPath: context.displayPath,
  });
  problems.push(...result.problems);

  if (result.code !== undefined) {
    problems.push(...missingHandlers(action, result.exports, at));
    for (const [name] of declared) {
      if (result.packages.includes(name)) continue;
      problems.push(
        problemAt(at(`${action.pointer}/dependencies`), {
          path: `actions[${action.name}].dependencies`,
          rule: 'build/unused-dependency',
          severity: 'warning',
          message: `action ${action.name} declares ${name} but never imports it; Auth0 would still install it`,
          hint: `remove ${name} from its dependencies`,
        }),
      );
    }
  }
  return { code: result.code, packages: result.packages, problems };
}

function moduleNames(modules: unknown): Set<string> {
  return new Set(asArray(modules).flatMap((item) => asString(asRecord(item)?.module_name) ?? []));
}

/** A trigger the action supports whose handler its code does not export: Auth0 would fail every run. */
function missingHandlers(
  action: ActionSource,
  exports: readonly string[],
  at: (pointer: string) => SourcePosition,
): Problem[] {
  return asArray(action.triggers).flatMap((item, index) => {
    const trigger = asString(asRecord(item)?.id);
    const handler = trigger ? TRIGGER_HANDLERS[trigger] : undefined;
    if (!trigger || !handler || exports.includes(handler)) return [];
    return [
      problemAt(at(`${action.pointer}/supported_triggers/${index}/id`), {
        path: `actions[${action.name}].supported_triggers[${index}].id`,
        rule: 'build/missing-handler',
        message: `action ${action.name} supports ${trigger}, but its code does not export ${handler}`,
        hint: `export const ${handler} = async (event, api) => { ... } from ${path.basename(action.entry)}`,
      }),
    ];
  });
}
