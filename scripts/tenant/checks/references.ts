import { existsSync } from 'node:fs';
import path from 'node:path';
import { didYouMean } from '../did-you-mean';
import { DATABASE_SCRIPTS } from '../schema/databases';
import { childPointer } from '../source-map';
import {
  asArray,
  asRecord,
  asString,
  asStrings,
  type Entry,
  entriesOf,
  isManagementApiAudience,
  nameOf,
} from './read';

/**
 * Names that point at other resources must point at something: deploy-cli resolves them by name at
 * deploy time, and a dangling one fails halfway through a deploy (or silently binds nothing).
 */
export interface Finding {
  pointer: string;
  rule: string;
  message: string;
  hint: string;
  severity?: 'error' | 'warning';
}

export interface ReferenceContext {
  /** tenant.yaml's folder: code paths are relative to it, as deploy-cli reads them. */
  tenantDir: string;
  fileExists?: (absolutePath: string) => boolean;
}

export function checkReferences(tenant: Record<string, unknown>, context: ReferenceContext): Finding[] {
  const findings: Finding[] = [];
  const clients = entriesOf(tenant, 'clients');
  const actions = entriesOf(tenant, 'actions');
  const apis = entriesOf(tenant, 'resourceServers');
  const databases = entriesOf(tenant, 'databases');
  const connections = entriesOf(tenant, 'connections');

  const clientNames = uniqueNames(clients, 'clients', 'client', findings);
  const actionNames = uniqueNames(actions, 'actions', 'action', findings);
  uniqueNames(entriesOf(tenant, 'roles'), 'roles', 'role', findings);
  uniqueNames([...databases, ...connections], 'connections', 'connection', findings);

  const apiScopes = new Map<string, Set<string>>();
  for (const api of apis) {
    const identifier = asString(api.item.identifier);
    if (identifier === undefined) continue;
    if (apiScopes.has(identifier)) {
      findings.push({
        pointer: `${api.pointer}/identifier`,
        rule: 'references/duplicate-name',
        message: `two APIs have the identifier "${identifier}"`,
        hint: 'API identifiers are unique in a tenant: change one',
      });
    }
    const scopes = asArray(api.item.scopes).flatMap((scope) => asString(asRecord(scope)?.value) ?? []);
    apiScopes.set(identifier, new Set(scopes));
  }
  const clientList = [...clientNames];
  const apiList = [...apiScopes.keys()];

  const checkClient = (name: string, pointer: string, what: string) => {
    if (clientNames.has(name)) return;
    findings.push({
      pointer,
      rule: 'references/unknown-client',
      message: `${what} names client "${name}", which is not in clients:`,
      hint: didYouMean(name, clientList) ?? 'use the name of a client declared under clients:',
    });
  };

  for (const grant of entriesOf(tenant, 'clientGrants')) {
    const clientId = asString(grant.item.client_id);
    if (clientId !== undefined) checkClient(clientId, `${grant.pointer}/client_id`, 'a client grant');
    const audience = asString(grant.item.audience);
    if (audience === undefined || isManagementApiAudience(audience)) continue;
    const scopes = apiScopes.get(audience);
    if (!scopes) {
      findings.push({
        pointer: `${grant.pointer}/audience`,
        rule: 'references/unknown-api',
        message: `client grant audience "${audience}" is neither an API in resourceServers: nor the Management API`,
        hint: didYouMean(audience, apiList) ?? 'use the identifier of an API declared under resourceServers:',
      });
      continue;
    }
    for (const { value, index } of asStrings(grant.item.scope)) {
      if (scopes.has(value)) continue;
      findings.push({
        pointer: `${grant.pointer}/scope/${index}`,
        rule: 'references/unknown-scope',
        message: `client grant asks for scope "${value}", which API "${audience}" does not define`,
        hint: didYouMean(value, [...scopes]) ?? `add it to the API's scopes:, or remove it from the grant`,
      });
    }
  }

  for (const connection of [...databases, ...connections]) {
    for (const { value, index } of asStrings(connection.item.enabled_clients)) {
      checkClient(
        value,
        `${connection.pointer}/enabled_clients/${index}`,
        `connection "${nameOf(connection)}"`,
      );
    }
  }

  for (const role of entriesOf(tenant, 'roles')) {
    asArray(role.item.permissions).forEach((permission, index) => {
      const record = asRecord(permission);
      const identifier = asString(record?.resource_server_identifier);
      const name = asString(record?.permission_name);
      const pointer = `${role.pointer}/permissions/${index}`;
      if (identifier === undefined || name === undefined) return;
      const scopes = apiScopes.get(identifier);
      if (!scopes) {
        findings.push({
          pointer: `${pointer}/resource_server_identifier`,
          rule: 'references/unknown-api',
          message: `role "${nameOf(role)}" has a permission on "${identifier}", which is not an API in resourceServers:`,
          hint:
            didYouMean(identifier, apiList) ?? 'use the identifier of an API declared under resourceServers:',
        });
      } else if (!scopes.has(name)) {
        findings.push({
          pointer: `${pointer}/permission_name`,
          rule: 'references/unknown-scope',
          message: `role "${nameOf(role)}" has permission "${name}", which API "${identifier}" does not define`,
          hint: didYouMean(name, [...scopes]) ?? "add it to the API's scopes:, or remove it from the role",
        });
      }
    });
  }

  checkTriggers(tenant, actions, actionNames, findings);
  checkCodeFiles(actions, databases, context, findings);
  return findings;
}

function checkTriggers(
  tenant: Record<string, unknown>,
  actions: Entry[],
  names: Set<string>,
  findings: Finding[],
) {
  const triggersOf = new Map<string, Set<string>>();
  for (const action of actions) {
    const ids = asArray(action.item.supported_triggers).flatMap(
      (trigger) => asString(asRecord(trigger)?.id) ?? [],
    );
    triggersOf.set(nameOf(action), new Set(ids));
  }
  const bound = new Set<string>();
  for (const [trigger, bindings] of Object.entries(asRecord(tenant.triggers) ?? {})) {
    const seen = new Set<string>();
    asArray(bindings).forEach((binding, index) => {
      const actionName = asString(asRecord(binding)?.action_name);
      if (actionName === undefined) return;
      const pointer = `${childPointer('/triggers', trigger)}/${index}/action_name`;
      bound.add(actionName);
      if (!names.has(actionName)) {
        findings.push({
          pointer,
          rule: 'references/unknown-action',
          message: `trigger ${trigger} binds action "${actionName}", which is not in actions:`,
          hint: didYouMean(actionName, [...names]) ?? 'use the name of an action declared under actions:',
        });
      } else if (!triggersOf.get(actionName)?.has(trigger)) {
        findings.push({
          pointer,
          rule: 'references/trigger-not-supported',
          message: `action "${actionName}" is bound to ${trigger}, but its supported_triggers do not include ${trigger}`,
          hint: `add "- id: ${trigger}" to its supported_triggers, or bind it to the trigger it was written for`,
        });
      }
      if (seen.has(actionName)) {
        findings.push({
          pointer,
          rule: 'references/duplicate-binding',
          message: `action "${actionName}" is bound to ${trigger} twice`,
          hint: 'bind each action once per trigger',
        });
      }
      seen.add(actionName);
    });
  }
  for (const action of actions) {
    if (bound.has(nameOf(action))) continue;
    findings.push({
      pointer: `${action.pointer}/name`,
      rule: 'references/unbound-action',
      severity: 'warning',
      message: `action "${nameOf(action)}" is deployed but bound to no trigger, so it never runs`,
      hint: 'bind it under triggers:, or remove it',
    });
  }
}

function checkCodeFiles(
  actions: Entry[],
  databases: Entry[],
  context: ReferenceContext,
  findings: Finding[],
) {
  const exists = context.fileExists ?? existsSync;
  const check = (file: string, pointer: string, what: string) => {
    if (exists(path.resolve(context.tenantDir, file))) return;
    findings.push({
      pointer,
      rule: 'references/missing-file',
      message: `${what} "${file}" does not exist (paths are relative to tenant.yaml)`,
      hint: `create ${path.join(context.tenantDir, file)}, or correct the path`,
    });
  };
  for (const action of actions) {
    const code = asString(action.item.code);
    if (code !== undefined) check(code, `${action.pointer}/code`, `action "${nameOf(action)}" code`);
  }
  for (const database of databases) {
    const scripts = asRecord(asRecord(database.item.options)?.customScripts) ?? {};
    for (const script of DATABASE_SCRIPTS) {
      const file = asString(scripts[script]);
      if (file !== undefined) {
        check(
          file,
          `${database.pointer}/options/customScripts/${script}`,
          `database "${nameOf(database)}" ${script} script`,
        );
      }
    }
  }
}

function uniqueNames(entries: Entry[], section: string, what: string, findings: Finding[]): Set<string> {
  const names = new Set<string>();
  for (const entry of entries) {
    const name = asString(entry.item.name);
    if (name === undefined) continue;
    if (names.has(name)) {
      findings.push({
        pointer: `${entry.pointer}/name`,
        rule: 'references/duplicate-name',
        message: `two ${section} are named "${name}"; deploy-cli matches ${what}s by name`,
        hint: `rename one of them`,
      });
    }
    names.add(name);
  }
  return names;
}
