import { type ResourceType, resourceType } from '../resources/index';
import { secretPathAt } from '../resources/paths';
import { findPlaceholders } from '../tenant/placeholders';
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
  /**
   * Where the check found secret placeholders while it resolved the keywords (JSON pointers into the
   * built tenant): the only places a secret is filled in. Without it (a test's hand-made state), any
   * secret path may hold one.
   */
  places?: readonly string[];
  /** The key fingerprints are made with (`fingerprintKey` of the deploy application's client secret). */
  key: Buffer;
}

export interface Sealed {
  /** The desired state with the secret values in place and their fingerprints recorded beside them. */
  assets: TenantState;
  /** Secrets whose value was not given: their fields keep the `##NAME##` placeholder and cannot be compared. */
  missing: string[];
}

/**
 * Fills the secrets into the built tenant (as parsed values, so a quote or a newline in a secret can
 * never change the YAML around it) and, for the secret paths the registry declares write-only, records
 * each value's fingerprint in the type's carrier (an Action's code, a metadata field). A secret anywhere
 * else is refused: the check reports it first, with its line.
 */
export function sealSecrets(desired: TenantState, secrets: SecretInput): Sealed {
  const names = new Set(secrets.names);
  const missing = new Set<string>();
  const places = secrets.places ? new Set(secrets.places) : undefined;
  const fill: Fill = (text, pointer) => {
    let known = true;
    let secret = false;
    let value = '';
    let at = 0;
    for (const marker of findPlaceholders(text)) {
      if (marker.kind !== 'string' || !names.has(marker.key)) continue;
      secret = true;
      const given = secrets.values[marker.key];
      value += text.slice(at, marker.start);
      if (given === undefined) {
        known = false;
        missing.add(marker.key);
        value += text.slice(marker.start, marker.end);
      } else value += given;
      at = marker.end;
    }
    if (secret && places && !places.has(pointer)) {
      throw new PlanInputError(
        `${pointer} holds a secret placeholder the check did not see there: build again from the checked tenant`,
      );
    }
    return { value: secret ? value + text.slice(at) : text, known, secret };
  };

  const assets: TenantState = {};
  for (const [type, section] of Object.entries(desired)) {
    const kind = resourceType(type);
    if (kind?.carrier?.kind === 'code' && Array.isArray(section)) {
      assets[type] = section.map((action, index) =>
        isRecord(action) ? sealAction(action, fill, `/${type}/${index}`, secrets.key, type) : action,
      );
    } else if (kind && kind.shape === 'list' && Array.isArray(section)) {
      assets[type] = section.map((item, index) =>
        isRecord(item) ? sealItem(kind, item, fill, `/${type}/${index}`, secrets.key) : item,
      );
    } else if (kind && kind.shape === 'singleton' && isRecord(section)) {
      assets[type] = sealItem(kind, section, fill, `/${type}`, secrets.key);
    } else {
      const found = secretPaths(section, '', fill, `/${type}`);
      if (found.length > 0) {
        throw new PlanInputError(`${type}.${found[0]} holds a secret, but ${type} has no secret fields`);
      }
      assets[type] = section;
    }
  }
  return { assets, missing: [...missing].sort() };
}

/** Fills the secrets into the string at `pointer` (a JSON pointer into the built tenant). */
type Fill = (text: string, pointer: string) => { value: string; known: boolean; secret: boolean };

/** An Action or an Action module: its secrets' fingerprints (salted with its type and name) end its code. */
function sealAction(action: Rec, fill: Fill, pointer: string, key: Buffer, type: string): Rec {
  const name = String(action.name);
  const fingerprints: Fingerprints = {};
  const secrets = Array.isArray(action.secrets)
    ? action.secrets.map((entry, index) => {
        if (!isRecord(entry) || typeof entry.name !== 'string') return entry;
        const raw = typeof entry.value === 'string' ? entry.value : String(entry.value ?? '');
        const filled = fill(raw, `${pointer}/secrets/${index}/value`);
        fingerprints[entry.name] = filled.known
          ? fingerprint(filled.value, `${type}/${name}/${entry.name}`, key)
          : undefined;
        return { ...entry, value: filled.value };
      })
    : action.secrets;
  const sealed: Rec = { ...action, ...(secrets === undefined ? {} : { secrets }) };
  if (typeof action.code === 'string') sealed.code = withCodeFingerprints(action.code, fingerprints);
  return sealed;
}

/**
 * One item of a type with secret paths: each filled in; a write-only one (never returned) fingerprinted
 * into the type's metadata carrier, whether a secret or a plain keyword fills it (Auth0 returns neither).
 */
function sealItem(kind: ResourceType, item: Rec, fill: Fill, pointer: string, key: Buffer): Rec {
  const name = String(kind.identity(item, { clientName: (id) => id }));
  const carrier = kind.carrier?.kind === 'metadata' ? kind.carrier.field : undefined;
  const fingerprints: Fingerprints = {};
  const sealed = structuredClone(item);
  const visit = (node: unknown, segments: string[]): unknown => {
    if (typeof node === 'string') {
      const filled = fill(node, [pointer, ...segments.map(escapePointer)].join('/'));
      const place = segments.join('.');
      const secretPath = secretPathAt(kind, segments);
      if (filled.secret && !secretPath) {
        throw new PlanInputError(
          `${kind.key} ${name}: ${place} holds a secret, but it is not one of the secret fields of ${kind.key} (${(kind.secrets ?? []).map((s) => s.path).join(', ') || 'none'})`,
        );
      }
      if (carrier && secretPath && !secretPath.returned) {
        fingerprints[place] = filled.known
          ? fingerprint(filled.value, `${kind.key}/${name}/${place}`, key)
          : undefined;
      }
      return filled.value;
    }
    if (Array.isArray(node)) {
      for (const [index, child] of node.entries()) node[index] = visit(child, [...segments, String(index)]);
    } else if (isRecord(node)) {
      for (const [key, value] of Object.entries(node)) node[key] = visit(value, [...segments, key]);
    }
    return node;
  };
  visit(sealed, []);
  if (carrier && Object.keys(fingerprints).length > 0) {
    sealed[carrier] = withMetadataFingerprints(sealed[carrier], fingerprints, name);
  }
  return sealed;
}

function secretPaths(node: unknown, path: string, fill: Fill, pointer: string): string[] {
  if (typeof node === 'string') return fill(node, pointer).secret ? [path] : [];
  if (Array.isArray(node)) {
    return node.flatMap((item, index) => secretPaths(item, `${path}[${index}]`, fill, `${pointer}/${index}`));
  }
  if (isRecord(node)) {
    return Object.entries(node).flatMap(([key, value]) =>
      secretPaths(value, path ? `${path}.${key}` : key, fill, `${pointer}/${escapePointer(key)}`),
    );
  }
  return [];
}

const escapePointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');
