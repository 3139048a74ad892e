import { RESOURCE_TYPES, type ResourceType } from '../resources/index';
import { matchesPattern } from '../resources/paths';
import { findPlaceholders, wholePlaceholder } from '../tenant/placeholders';
import { compareFields, isRecord, type Rec } from './compare';
import { type Fingerprints, readCodeFingerprints, readMetadataFingerprints } from './fingerprints';
import { clientRefs, itemsOf, kindOf, prepareItem } from './resources';
import {
  type FieldChange,
  type Plan,
  type ResourceChange,
  SECRET_NEW,
  SECRET_SET,
  SECRET_UNRECORDED,
  type TenantState,
} from './types';

export interface PlanOptions {
  /** The client the deploy signs in with: never planned, as deploy-cli never touches it. */
  deployClientId?: string;
  /**
   * Write the secrets Auth0 never returns and the type has nowhere to fingerprint (an email provider's
   * API key, a Guardian provider's token), as updates: the one way to deploy a rotated one on its own.
   */
  rewriteSecrets?: boolean;
}

const ORDER: Record<ResourceChange['action'], number> = { delete: 0, create: 1, update: 2 };

/**
 * What applying `desired` (the built tenant, secrets sealed) to `current` (the tenant as read) changes:
 * per resource type, the creates, the updates with each changed field before -> after, and the deletes.
 * Only the types `desired` holds are managed. Pure: no I/O, no secret in the result.
 */
export function planChanges(desired: TenantState, current: TenantState, options: PlanOptions = {}): Plan {
  const types = Object.keys(desired).filter((type) => desired[type] !== null && desired[type] !== undefined);
  const kinds = types.map(kindOf).sort((a, b) => RESOURCE_TYPES.indexOf(a) - RESOURCE_TYPES.indexOf(b));
  const refs = clientRefs(current.clients, options.deployClientId);
  const changes: ResourceChange[] = [];
  const notes: string[] = [];

  for (const kind of kinds) {
    const prepare = (item: Rec) => prepareItem(kind, item, refs);
    const have = new Map<string, Rec>();
    // How many items share each key: a delete removes every one of them, so each is planned (and counted).
    const copies = new Map<string, number>();
    // Items not ours to touch (the deploy's own application, a system API), by identity.
    const untouchable = new Set<string>();
    for (const item of itemsOf(kind, current[kind.key])) {
      if (kind.compare.ignore?.(item, refs)) {
        untouchable.add(kind.identity(item, refs));
        continue;
      }
      const key = kind.identity(item, refs);
      copies.set(key, (copies.get(key) ?? 0) + 1);
      if (have.has(key)) notes.push(`${kind.key} ${key}: the tenant has more than one; only one is compared`);
      else have.set(key, prepare(item));
    }
    for (const item of itemsOf(kind, desired[kind.key])) {
      const name = kind.identity(item, refs);
      if (!have.has(name) && untouchable.has(name)) {
        // deploy-cli matches it by name to the tenant's own, then leaves that alone: neither a create
        // (a second one) nor an update would happen.
        notes.push(
          `${kind.key} ${name}: the tenant's ${kind.noun} of this name is not managed by the tenant file (the deploy's own, or one Auth0 provides); deploy-cli leaves it as it is`,
        );
        continue;
      }
      const existing = have.get(name) ?? kind.compare.absent?.(name);
      have.delete(name);
      const compared = compareResource(kind, prepare(item), existing, options.rewriteSecrets === true);
      for (const path of compared.unknown) {
        notes.push(`${kind.key} ${name}: ${path} not compared (the secret's value is not available)`);
      }
      for (const path of compared.unreadable ?? []) {
        notes.push(
          `${kind.key} ${name}: ${path} not compared (Auth0 never returns it and ${kind.key} has nowhere to record a fingerprint; a changed value is written with the next change to ${name}, or by a deploy with --rewrite-secrets)`,
        );
      }
      if (!existing) changes.push({ type: kind.key, name, action: 'create', fields: compared.fields });
      else {
        const { fields, fixed } = splitCreateOnly(kind, compared.fields);
        for (const field of fixed) {
          notes.push(
            `${kind.key} ${name}: ${field.path} differs (${JSON.stringify(field.before)} -> ${JSON.stringify(field.after)}), but deploy-cli sets it only when it creates the ${kind.noun}; delete the ${kind.noun} and deploy again to change it`,
          );
        }
        if (fields.length > 0) changes.push({ type: kind.key, name, action: 'update', fields });
      }
    }
    if (!kind.compare.deletable) continue;
    for (const name of have.keys()) {
      for (let copy = 0; copy < (copies.get(name) ?? 1); copy++) {
        changes.push({ type: kind.key, name, action: 'delete', fields: [] });
      }
    }
  }

  changes.sort(
    (a, b) =>
      ORDER[a.action] - ORDER[b.action] ||
      types.indexOf(a.type) - types.indexOf(b.type) ||
      a.name.localeCompare(b.name),
  );
  return { types: kinds.map((kind) => kind.key), changes, notes };
}

/** An update's field changes, without those deploy-cli cannot make on an existing item (`createOnly`). */
function splitCreateOnly(kind: ResourceType, fields: FieldChange[]) {
  const createOnly = kind.compare.createOnly ?? [];
  const isFixed = (field: FieldChange) => createOnly.includes(field.path.split('.')[0] ?? '');
  return { fields: fields.filter((field) => !isFixed(field)), fixed: fields.filter(isFixed) };
}

interface Compared {
  fields: FieldChange[];
  /** Write-only fields whose desired value is unknown. */
  unknown: string[];
  /** Write-only fields Auth0 never returns and the type cannot fingerprint: set, but not comparable. */
  unreadable?: string[];
}

function compareResource(
  kind: ResourceType,
  desired: Rec,
  current: Rec | undefined,
  rewriteSecrets: boolean,
): Compared {
  if (kind.carrier?.kind === 'code') return compareAction(kind, desired, current);
  if (kind.carrier?.kind === 'metadata')
    return compareWithMetadata(kind, kind.carrier.field, desired, current);
  return compareUncarried(kind, desired, current, rewriteSecrets);
}

/**
 * A type with no place to record fingerprints: a secret Auth0 returns is compared as read and shown
 * masked; one it never returns can only be seen to be set, so it is written with a create and noted, or
 * rewritten when asked (`rewriteSecrets`).
 */
function compareUncarried(
  kind: ResourceType,
  desired: Rec,
  current: Rec | undefined,
  rewriteSecrets: boolean,
): Compared {
  const secrets = kind.secrets ?? [];
  const fields: FieldChange[] = [];
  const unknown: string[] = [];
  const unreadable: string[] = [];
  for (const field of compareFields(desired, current, { ordered: kind.compare.ordered ?? [] })) {
    const secret = secrets.find((candidate) => matchesPattern(candidate.path, field.path.split('.')));
    if (!secret) fields.push(field);
    else if (typeof field.after === 'string' && findPlaceholders(field.after).length > 0) {
      unknown.push(field.path);
    } else if (maskedByDump(field.before)) unreadable.push(field.path);
    else if (secret.returned || !current) fields.push(masked(field));
    else if (rewriteSecrets)
      fields.push({ path: field.path, before: SECRET_SET, after: SECRET_NEW, secret: true });
    else unreadable.push(field.path);
  }
  return { fields, unknown, unreadable };
}

/**
 * What deploy-cli's dump writes in place of a secret Auth0 returned: its OBFUSCATED_SECRET_VALUE, or a
 * keyword placeholder named after the field (`##LOGSTREAMS_DATADOG_DATADOGAPIKEY##`).
 */
function maskedByDump(value: unknown): boolean {
  return (
    typeof value === 'string' && (value === '_VALUE_NOT_SHOWN_' || wholePlaceholder(value) !== undefined)
  );
}

function masked(field: FieldChange): FieldChange {
  return {
    path: field.path,
    ...(field.before === undefined ? {} : { before: SECRET_SET }),
    after: field.before === undefined ? SECRET_SET : SECRET_NEW,
    secret: true,
  };
}

/** Action secrets are write-only: their names are compared as read, their values by fingerprint. */
function compareAction(kind: ResourceType, desired: Rec, current: Rec | undefined): Compared {
  const want = splitAction(desired);
  const have = current ? splitAction(current) : undefined;
  const fields = compareFields(want.rest, have?.rest, { ordered: kind.compare.ordered ?? [] });
  const secrets = compareSecrets(
    want.fingerprints,
    have?.fingerprints,
    (name) => have?.secretNames.has(name) ?? false,
  );
  for (const name of have?.secretNames ?? []) {
    if (!want.secretNames.has(name)) secrets.fields.push({ path: name, before: SECRET_SET, secret: true });
  }
  for (const field of secrets.fields) field.path = `secrets.${field.path}`;
  return {
    fields: [...fields, ...secrets.fields],
    unknown: secrets.unknown.map((name) => `secrets.${name}`),
  };
}

function splitAction(action: Rec) {
  const { secrets, code, ...rest } = action;
  const read = typeof code === 'string' ? readCodeFingerprints(code) : undefined;
  const secretNames = new Set(
    (Array.isArray(secrets) ? secrets : []).flatMap((secret) =>
      isRecord(secret) && typeof secret.name === 'string' ? [secret.name] : [],
    ),
  );
  const fingerprints: Fingerprints = read?.fingerprints ?? {};
  if (!read?.fingerprints) for (const name of secretNames) fingerprints[name] = undefined;
  return { rest: read ? { ...rest, code: read.code } : rest, fingerprints, secretNames };
}

/** Write-only fields (secrets, custom database configuration): compared by the fingerprint in a metadata field. */
function compareWithMetadata(
  kind: ResourceType,
  carrier: string,
  desired: Rec,
  current: Rec | undefined,
): Compared {
  const want = readMetadataFingerprints(desired[carrier]);
  const have = current ? readMetadataFingerprints(current[carrier]) : {};
  const strip = (item: Rec, metadata: Rec | undefined): Rec => {
    const { [carrier]: _metadata, ...rest } = item;
    return metadata ? { ...rest, [carrier]: metadata } : rest;
  };
  const writeOnly = Object.keys(want.fingerprints ?? {});
  const fields = compareFields(strip(desired, want.metadata), current && strip(current, have.metadata), {
    ordered: kind.compare.ordered ?? [],
    skip: writeOnly,
  });
  if (!want.fingerprints) return { fields, unknown: [] };
  const secrets = compareSecrets(want.fingerprints, have.fingerprints ?? {}, (path) =>
    current ? valueAt(current, path) !== undefined : false,
  );
  for (const path of Object.keys(have.fingerprints ?? {})) {
    if (!(path in want.fingerprints)) secrets.fields.push({ path, before: SECRET_SET, secret: true });
  }
  return { fields: [...fields, ...secrets.fields], unknown: secrets.unknown };
}

/**
 * Each desired write-only field against what the last deploy recorded. A field the tenant has but with no
 * fingerprint (set by hand, or by another tool) counts as changed: the deploy writes it and records one.
 */
function compareSecrets(
  desired: Fingerprints,
  current: Fingerprints | undefined,
  existsNow: (field: string) => boolean,
): Compared {
  const fields: FieldChange[] = [];
  const unknown: string[] = [];
  for (const [field, wanted] of Object.entries(desired)) {
    const recorded = current?.[field];
    if (wanted === undefined) unknown.push(field);
    else if (!existsNow(field) && recorded === undefined)
      fields.push({ path: field, after: SECRET_SET, secret: true });
    else if (recorded === undefined) {
      fields.push({ path: field, before: SECRET_UNRECORDED, after: SECRET_SET, secret: true });
    } else if (recorded !== wanted)
      fields.push({ path: field, before: SECRET_SET, after: SECRET_NEW, secret: true });
  }
  return { fields, unknown };
}

function valueAt(item: Rec, path: string): unknown {
  let node: unknown = item;
  for (const segment of path.split('.')) node = isRecord(node) ? node[segment] : undefined;
  return node;
}
