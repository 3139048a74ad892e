/**
 * An adopted tenant's secrets: each value at a registry secret path becomes `##NAME##`, read at deploy
 * time from TENANT_SECRET_NAME, and never written. Where Auth0 returns no value, the place is still known
 * (an Action secret's name, a fingerprint our deploy recorded, a field the schema requires).
 */
import { readMetadataFingerprints } from '../plan/fingerprints';
import { isRecord, type Rec, type ResourceType } from '../resources/define';
import { RESOURCE_TYPES } from '../resources/index';
import { matchPattern, type Place, type PlaceNames, readablePlace, setAt, textMarker } from './places';
import type { Finding } from './report';
import { missingRequiredFields } from './schema-prune';
import type { TenantExport } from './tenant-export';

/** A secret the adopted tenant reads from the environment: where it is, and whether Auth0 returned it. */
export interface AdoptedSecret {
  name: string;
  place: string;
}

export interface Collect {
  note: (kind: Finding['kind'], where: string, what: string, hint?: string) => void;
  secrets: AdoptedSecret[];
  /** Clients that can change the tenant through the Management API: the deploy client, tools like it. */
  administrators: ReadonlySet<string>;
  /** Names and ids of the clients left out: references to them are taken out of lists too. */
  leftOutClients: Set<string>;
}

/**
 * A secret Auth0 never returns whose field the schema requires (an SNS provider's secret key): the tenant
 * has it, so the adopted file reads it from the environment like any other secret.
 */
export function fillRequiredSecrets(
  sections: Rec,
  source: TenantExport,
  options: { names: PlaceNames },
  secrets: AdoptedSecret[],
) {
  const refs = { clientName: (name: string) => name, deployClientId: source.deployClientId };
  for (const { segments, key } of missingRequiredFields(sections)) {
    const [section, ...rest] = segments;
    const type = RESOURCE_TYPES.find((candidate) => candidate.key === section);
    if (!type) continue;
    const listed = type.shape === 'list' && typeof rest[0] === 'number';
    const container = sections[type.key];
    const item = listed && Array.isArray(container) ? container[rest[0] as number] : container;
    if (!isRecord(item)) continue;
    const path = [...(listed ? rest.slice(1) : rest), key].map(String);
    const secret = (type.secrets ?? []).find((candidate) => {
      const parts = candidate.path.split('.');
      return (
        parts.length === path.length && parts.every((part, index) => part === '*' || part === path[index])
      );
    });
    if (!secret || secret.returned) continue;
    const place: Place = { section: type.key, ...(listed ? { item: type.identity(item, refs) } : {}), path };
    const name = options.names.nameFor(place, type.noun);
    setAt(item, path, textMarker(name));
    secrets.push({ name, place: readablePlace(place) });
  }
}

/**
 * Where a deploy of ours recorded fingerprints (in metadata or code), the places of the secrets Auth0
 * never returns are known: each is taken as a secret again. The fingerprints themselves are not ours to adopt.
 */
export function restoreFingerprinted(type: ResourceType, item: Rec): Set<string> {
  const restored = new Set<string>();
  if (type.carrier?.kind !== 'metadata') return restored;
  const field = type.carrier.field;
  const { metadata, fingerprints } = readMetadataFingerprints(item[field]);
  if (metadata === undefined) delete item[field];
  else item[field] = metadata;
  for (const dotted of Object.keys(fingerprints ?? {})) {
    const segments = dotted.split('.');
    const parent = containerAt(item, segments.slice(0, -1));
    const leaf = segments.at(-1) as string;
    if (parent && parent[leaf] === undefined) {
      parent[leaf] = '';
      restored.add(dotted);
    }
  }
  return restored;
}

/**
 * The object at `segments`, made where a field is missing (Auth0 leaves a database's `configuration` out);
 * a list item that is not there is not made up: a fingerprint of one is for an item since removed.
 */
function containerAt(item: Rec, segments: readonly string[]): Record<string, unknown> | undefined {
  let node: unknown = item;
  for (const segment of segments) {
    if (Array.isArray(node)) {
      node = /^\d+$/.test(segment) ? node[Number(segment)] : undefined;
      if (node === undefined) return undefined;
      continue;
    }
    if (!isRecord(node)) return undefined;
    if (node[segment] === undefined) node[segment] = {};
    node = node[segment];
  }
  return isRecord(node) ? node : undefined;
}

/** Each value at a secret path becomes `##NAME##`, read from TENANT_SECRET_NAME: never written as it is. */
export function takeSecrets(
  type: ResourceType,
  item: Rec,
  restored: ReadonlySet<string>,
  place: (path: readonly string[]) => Place,
  options: { names: PlaceNames },
  collect: Collect,
): void {
  for (const secret of type.secrets ?? []) {
    const parts = secret.path.split('.');
    const leaf = parts.at(-1) as string;
    const parentPattern = parts.slice(0, -1).join('.');
    const parents = parentPattern
      ? matchPattern(item, parentPattern)
      : [{ segments: [] as (string | number)[], labels: [] as string[], value: item as unknown }];
    for (const parent of parents) {
      if (!isRecord(parent.value)) continue;
      const node = parent.value;
      // An Action secret is listed by name only: Auth0 never returns its value, yet it has one.
      const listedName = leaf === 'value' && typeof node.name === 'string' ? node.name : undefined;
      for (const key of leaf === '*' ? Object.keys(node) : [leaf]) {
        const dotted = [...parent.segments, key].join('.');
        const value = node[key];
        const present = typeof value === 'string' && value !== '';
        if (!present && listedName === undefined && !restored.has(dotted)) continue;
        const named = [...namedPath(parts.slice(0, -1), parent.labels), leaf === '*' ? key : leaf];
        // Named by what tells it apart (a credential's name), not every folder of its path.
        const naming = parent.labels.length > 0 ? [...parent.labels, leaf === '*' ? key : leaf] : named;
        const preferred = listedName ?? (leaf === '*' ? key : undefined);
        const name = options.names.nameFor(place(naming), type.noun, preferred);
        node[key] = textMarker(name);
        collect.secrets.push({ name, place: readablePlace(place(named)) });
      }
    }
  }
}

/** A pattern's parts with each `*` replaced by the label the match gave it (a key, an item's name). */
function namedPath(parts: readonly string[], labels: readonly string[]): string[] {
  let next = 0;
  return parts.map((part) => (part === '*' ? (labels[next++] ?? part) : part));
}
