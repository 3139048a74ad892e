import { existsSync } from 'node:fs';
import path from 'node:path';
import { RESOURCE_TYPES, type ResourceType, resourceType } from '../../resources/index';
import { pathReader } from '../../resources/paths';
import { didYouMean } from '../did-you-mean';
import { isInside, real } from '../files';
import { DATABASE_SCRIPTS } from '../schema/databases';
import { childPointer } from '../source-map';
import { asArray, asRecord, asString, asStrings, type Entry, entriesOf, entriesOfType, nameOf } from './read';

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
  const actions = entriesOf(tenant, 'actions');
  const identities = checkUniqueIdentities(tenant, findings);
  checkNamedReferences(tenant, identities, findings);

  const apiScopes = new Map<string, Set<string>>();
  for (const api of entriesOf(tenant, 'resourceServers')) {
    const identifier = asString(api.item.identifier);
    if (identifier === undefined) continue;
    const scopes = asArray(api.item.scopes).flatMap((scope) => asString(asRecord(scope)?.value) ?? []);
    apiScopes.set(identifier, new Set(scopes));
  }

  for (const grant of entriesOf(tenant, 'clientGrants')) {
    const scopes = apiScopes.get(asString(grant.item.audience) ?? '');
    if (!scopes) continue;
    for (const { value, index } of asStrings(grant.item.scope)) {
      if (scopes.has(value)) continue;
      findings.push({
        pointer: `${grant.pointer}/scope/${index}`,
        rule: 'references/unknown-scope',
        message: `client grant asks for scope "${value}", which API "${grant.item.audience}" does not define`,
        hint: didYouMean(value, [...scopes]) ?? `add it to the API's scopes:, or remove it from the grant`,
      });
    }
  }

  for (const role of entriesOf(tenant, 'roles')) {
    asArray(role.item.permissions).forEach((permission, index) => {
      const record = asRecord(permission);
      const identifier = asString(record?.resource_server_identifier);
      const name = asString(record?.permission_name);
      const scopes = apiScopes.get(identifier ?? '');
      if (identifier === undefined || name === undefined || !scopes || scopes.has(name)) return;
      findings.push({
        pointer: `${role.pointer}/permissions/${index}/permission_name`,
        rule: 'references/unknown-scope',
        message: `role "${nameOf(role)}" has permission "${name}", which API "${identifier}" does not define`,
        hint: didYouMean(name, [...scopes]) ?? "add it to the API's scopes:, or remove it from the role",
      });
    });
  }

  checkTriggers(tenant, actions, identities.get('actions') ?? new Set(), findings);
  checkCodeFiles(actions, entriesOf(tenant, 'databases'), context, findings);
  return findings;
}

/**
 * Each type's identities, from the registry: two items named alike in one Auth0 collection (two clients
 * called "SPA", a database and a social connection both "main") would be matched to one by deploy-cli.
 */
function checkUniqueIdentities(
  tenant: Record<string, unknown>,
  findings: Finding[],
): Map<string, Set<string>> {
  const byType = new Map<string, Set<string>>();
  const byCollection = new Map<string, Set<string>>();
  for (const type of RESOURCE_TYPES) {
    const names = new Set<string>();
    byType.set(type.key, names);
    if (type.shape !== 'list') continue;
    const field = type.identityField;
    const collection = type.collection ?? type.key;
    const taken = byCollection.get(collection) ?? new Set<string>();
    byCollection.set(collection, taken);
    const entries = entriesOf(tenant, type.key);
    // Counted: before V8 optimizes (a command checks once), a for-of makes an object per step.
    for (let at = 0; at < entries.length; at++) {
      const entry = entries[at] as Entry;
      const name = field
        ? identityText(entry.item[field])
        : type.identity(entry.item, { clientName: (id) => id });
      if (name === undefined) continue;
      names.add(name);
      if (!field) continue;
      if (taken.has(name)) {
        findings.push({
          pointer: `${entry.pointer}/${field}`,
          rule: 'references/duplicate-name',
          message: `two ${collection} have the ${field} "${name}"; deploy-cli matches ${type.noun}s by ${field}`,
          hint: `no two ${type.noun}s of a tenant share a ${field}: change one`,
        });
      }
      taken.add(name);
    }
  }
  return byType;
}

/**
 * The types whose items a reference to `target` may name: those of its Auth0 collection, as deploy-cli
 * looks a name up among all of them (an organization's connection is a database or any other connection).
 */
function sameCollection(target: ResourceType): ResourceType[] {
  const collection = target.collection ?? target.key;
  return RESOURCE_TYPES.filter((type) => (type.collection ?? type.key) === collection);
}

/** A name, or a number that names an item (a network ACL's priority). */
function identityText(value: unknown): string | undefined {
  return typeof value === 'number' ? String(value) : asString(value);
}

/** Every reference the registry declares names an item of its type (or something outside the file it allows). */
function checkNamedReferences(
  tenant: Record<string, unknown>,
  identities: Map<string, Set<string>>,
  findings: Finding[],
): void {
  // The names of a collection, made once: several types refer to clients, and a tenant may have 10,000.
  const knownIn = new Map<string, ReadonlySet<string>>();
  const namesOf = (siblings: ResourceType[], collection: string) => {
    let known = knownIn.get(collection);
    if (!known) {
      // Most collections are one type: its own set, not a copy of it.
      const sets = siblings.map((sibling) => identities.get(sibling.key) ?? new Set<string>());
      known = sets.length === 1 ? (sets[0] as Set<string>) : new Set(sets.flatMap((names) => [...names]));
      knownIn.set(collection, known);
    }
    return known;
  };
  for (const type of RESOURCE_TYPES) {
    for (const reference of type.references ?? []) {
      const target = resourceType(reference.to);
      if (!target) continue;
      const siblings = sameCollection(target);
      const known = namesOf(siblings, target.collection ?? target.key);
      const sections = siblings.map((sibling) => `${sibling.key}:`).join(' or ');
      const read = pathReader(reference.path);
      for (const entry of entriesOfType(tenant, type)) {
        for (const found of read(entry.item)) {
          const value = asString(found.value);
          if (value === undefined || known.has(value) || reference.external?.(value)) continue;
          const segments = type.shape === 'map' ? found.segments.slice(1) : found.segments;
          const where =
            type.shape === 'map'
              ? `${type.noun} ${asString(entry.item.id)}`
              : `${type.noun} "${nameOf(entry)}"`;
          findings.push({
            pointer: segments.reduce((at, segment) => childPointer(at, segment), entry.pointer),
            rule: `references/unknown-${target.noun.toLowerCase().replace(/\W+/g, '-')}`,
            message: `${type.shape === 'list' && !type.identityField ? `a ${type.noun}` : where} names ${target.noun} "${value}", which is not in ${sections}`,
            hint:
              didYouMean(value, [...known]) ??
              `use the ${target.identityField ?? 'name'} of ${/^[aeiou]/i.test(target.noun) ? 'an' : 'a'} ${target.noun} declared under ${sections}`,
          });
        }
      }
    }
  }
}

function checkTriggers(
  tenant: Record<string, unknown>,
  actions: readonly Entry[],
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
      // An action that does not exist is the registry's reference check's to report.
      if (names.has(actionName) && !triggersOf.get(actionName)?.has(trigger)) {
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
  actions: readonly Entry[],
  databases: readonly Entry[],
  context: ReferenceContext,
  findings: Finding[],
) {
  const exists = context.fileExists ?? existsSync;
  // Code is bundled into what Auth0 runs: only the repository's own tenant/ and actions/ may provide it.
  const allowed = [context.tenantDir, path.join(path.dirname(context.tenantDir), 'actions')].map(real);
  const check = (file: string, pointer: string, what: string) => {
    const absolute = path.resolve(context.tenantDir, file);
    const inside = allowed.some((root) => isInside(real(absolute), root));
    if (!inside) {
      findings.push({
        pointer,
        rule: 'references/outside-repository',
        message: `${what} "${file}" is outside the repository's tenant/ and actions/ folders`,
        hint: `move the file under ${path.join(path.dirname(context.tenantDir), 'actions')}/ and point at it from there`,
      });
      return;
    }
    if (exists(absolute)) return;
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
