import { isRecord, type Rec } from './compare';
import {
  type Fingerprints,
  fingerprint,
  withCodeFingerprints,
  withMetadataFingerprints,
} from './fingerprints';
import { PlanInputError, type TenantState } from './types';

export interface SecretInput {
  /** Every secret the environment file declares (`secrets:`), whether or not its value is known. */
  names: readonly string[];
  /** Values read at deploy time, in memory only; a plan may run without some or all of them. */
  values: Readonly<Record<string, string>>;
}

export interface Sealed {
  /** The desired state with the secret values in place and their fingerprints recorded beside them. */
  assets: TenantState;
  /** Secrets whose value was not given: their fields keep the `##NAME##` placeholder and cannot be compared. */
  missing: string[];
}

const PLACEHOLDER = /##([A-Z][A-Z0-9_]*)##/g;

/**
 * Fills the secrets into the built tenant (as parsed values, so a quote or a newline in a secret can
 * never change the YAML around it) and records a fingerprint of every write-only field: all Action
 * secrets, all database `configuration` values, and any field that holds a secret.
 */
export function sealSecrets(desired: TenantState, secrets: SecretInput): Sealed {
  const names = new Set(secrets.names);
  const missing = new Set<string>();
  const fill = (text: string): { value: string; known: boolean; secret: boolean } => {
    let known = true;
    let secret = false;
    const value = text.replace(PLACEHOLDER, (marker, name: string) => {
      if (!names.has(name)) return marker;
      secret = true;
      const given = secrets.values[name];
      if (given === undefined) {
        known = false;
        missing.add(name);
        return marker;
      }
      return given;
    });
    return { value, known, secret };
  };

  const assets: TenantState = {};
  for (const [type, section] of Object.entries(desired)) {
    if (type === 'actions' && Array.isArray(section)) {
      assets[type] = section.map((action) => (isRecord(action) ? sealAction(action, fill) : action));
    } else if ((type === 'databases' || type === 'connections') && Array.isArray(section)) {
      assets[type] = section.map((item) => (isRecord(item) ? sealConnection(type, item, fill) : item));
    } else {
      const found = secretPaths(section, '', fill);
      if (found.length > 0) {
        throw new PlanInputError(
          `${type}.${found[0]} holds a secret, but secrets are only supported in actions, databases and connections`,
        );
      }
      assets[type] = section;
    }
  }
  return { assets, missing: [...missing].sort() };
}

type Fill = (text: string) => { value: string; known: boolean; secret: boolean };

function sealAction(action: Rec, fill: Fill): Rec {
  const name = String(action.name);
  const fingerprints: Fingerprints = {};
  const secrets = Array.isArray(action.secrets)
    ? action.secrets.map((entry) => {
        if (!isRecord(entry) || typeof entry.name !== 'string') return entry;
        const raw = typeof entry.value === 'string' ? entry.value : String(entry.value ?? '');
        const filled = fill(raw);
        fingerprints[entry.name] = filled.known
          ? fingerprint(filled.value, `actions/${name}/${entry.name}`)
          : undefined;
        return { ...entry, value: filled.value };
      })
    : action.secrets;
  const sealed: Rec = { ...action, ...(secrets === undefined ? {} : { secrets }) };
  if (typeof action.code === 'string') sealed.code = withCodeFingerprints(action.code, fingerprints);
  return sealed;
}

function sealConnection(type: string, item: Rec, fill: Fill): Rec {
  const name = String(item.name);
  const fingerprints: Fingerprints = {};
  const sealed = structuredClone(item);
  const visit = (node: unknown, path: string, writeOnly: boolean): unknown => {
    if (typeof node === 'string') {
      const filled = fill(node);
      if (writeOnly || filled.secret) {
        fingerprints[path] = filled.known ? fingerprint(filled.value, `${type}/${name}/${path}`) : undefined;
      }
      return filled.value;
    }
    if (isRecord(node)) {
      for (const [key, value] of Object.entries(node)) {
        const child = path ? `${path}.${key}` : key;
        node[key] = visit(value, child, writeOnly || child === 'options.configuration');
      }
    }
    return node;
  };
  visit(sealed, '', false);
  if (Object.keys(fingerprints).length > 0) {
    sealed.metadata = withMetadataFingerprints(sealed.metadata, fingerprints, name);
  }
  return sealed;
}

function secretPaths(node: unknown, path: string, fill: Fill): string[] {
  if (typeof node === 'string') return fill(node).secret ? [path] : [];
  if (Array.isArray(node)) return node.flatMap((item, index) => secretPaths(item, `${path}[${index}]`, fill));
  if (isRecord(node)) {
    return Object.entries(node).flatMap(([key, value]) =>
      secretPaths(value, path ? `${path}.${key}` : key, fill),
    );
  }
  return [];
}
