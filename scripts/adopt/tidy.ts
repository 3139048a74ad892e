/**
 * One tenant's export made into what this repository writes, before environments are compared: what is
 * not ours to manage left out, values Auth0 sets (ids, states) removed, secrets turned into placeholders,
 * files taken in, the tenant's own domain written as ##AUTH0_DOMAIN##. Every removal is a finding: nothing
 * is dropped without the report saying so.
 */
import { bundledKind } from '../bundle/bundle-all';
import { readCodeFingerprints } from '../plan/fingerprints';
import type { Rec, ResourceType } from '../resources/define';
import { isRecord } from '../resources/define';
import { RESOURCE_TYPES } from '../resources/index';
import { END_OF_LIFE_SECTIONS } from '../tenant/schema/validate';
import { AdoptedFile, type AdoptedFileKind, fileSlug } from './adopted-file';
import { administratorClients, isAdministration, withoutLeftOutClients } from './left-out';
import {
  isPlaceholderText,
  matchPattern,
  type Place,
  type PlaceNames,
  readablePlace,
  setAt,
  textMarker,
} from './places';
import { type Finding, finding } from './report';
import { removeUnknownFields } from './schema-prune';
import {
  type AdoptedSecret,
  type Collect,
  fillRequiredSecrets,
  restoreFingerprinted,
  takeSecrets,
} from './secrets';
import type { TenantExport } from './tenant-export';
import { exportFileKey } from './tenant-export';

export interface TidyTenant {
  env: string;
  domain: string;
  label: string;
  local: boolean;
  /** Sections as this repository writes them (values may hold AdoptedFile). */
  sections: Rec;
  secrets: AdoptedSecret[];
  findings: Finding[];
}

export interface TidyOptions {
  /** The tenant folder, relative to the repository (`tenant`). */
  tenantDir: string;
  names: PlaceNames;
}

export function tidyExport(source: TenantExport, options: TidyOptions): TidyTenant {
  const findings: Finding[] = [];
  const secrets: AdoptedSecret[] = [];
  const sections: Rec = {};
  const note = (kind: Finding['kind'], where: string, what: string, hint?: string) =>
    findings.push(finding(source.env, kind, where, what, hint));

  for (const [section, value] of Object.entries(source.document)) {
    const type = RESOURCE_TYPES.find((candidate) => candidate.key === section);
    if (type) continue;
    if (END_OF_LIFE_SECTIONS.includes(section)) {
      const names = Array.isArray(value) ? value.map((item) => (isRecord(item) ? item.name : item)) : [];
      if (names.length > 0) {
        note(
          'end-of-life',
          section,
          `${names.length} ${section} (${names.join(', ')}) left out: Auth0 stopped running Rules and Hooks on 2026-11-18`,
          'move their logic to Actions (https://auth0.com/docs/customize/actions/migrate)',
        );
      }
      continue;
    }
    note('left-out', section, 'a section this repository does not manage, left out');
  }

  const administrators = administratorClients(source.document);
  const leftOutClients = new Set<string>();
  for (const type of RESOURCE_TYPES) {
    const value = source.document[type.key];
    if (value === undefined || value === null) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    const tidied = tidySection(type, structuredClone(value), source, options, {
      note,
      secrets,
      administrators,
      leftOutClients,
    });
    if (tidied !== undefined) sections[type.key] = tidied;
  }
  const pruned = removeUnknownFields(sections);
  for (const removed of pruned) note('not-written', removed.where, removed.what);
  fillRequiredSecrets(sections, source, options, secrets);
  return {
    env: source.env,
    domain: source.domain,
    label: source.label,
    local: source.local,
    sections,
    secrets,
    findings,
  };
}

function tidySection(
  type: ResourceType,
  value: unknown,
  source: TenantExport,
  options: TidyOptions,
  collect: Collect,
): unknown {
  const refs = { clientName: (name: string) => name, deployClientId: source.deployClientId };
  const items: { item: Rec; place: (path: readonly string[]) => Place }[] = [];
  let result: unknown = value;
  if (type.shape === 'list' && Array.isArray(value)) {
    const kept: Rec[] = [];
    for (const item of value) {
      if (!isRecord(item)) continue;
      const identity = type.identity(item, refs);
      const leftOut =
        type.compare.ignore?.(item, refs) || isAdministration(type, item, collect.administrators);
      if (leftOut && type.key === 'clients') {
        for (const key of [item.name, item.client_id])
          if (typeof key === 'string') collect.leftOutClients.add(key);
      }
      if (type.compare.ignore?.(item, refs)) {
        collect.note(
          'system',
          `${type.key}[${identity}]`,
          "Auth0's own, or the client adopt signed in with (not adopted: a read-only one made for adopt can be deleted now)",
        );
        continue;
      }
      if (isAdministration(type, item, collect.administrators)) {
        collect.note(
          'system',
          `${type.key}[${identity}]`,
          'can change the tenant through the Management API (the deploy client, or a tool like it)',
          'add it by hand if it is an application of yours',
        );
        continue;
      }
      const place = (path: readonly string[]): Place => ({ section: type.key, item: identity, path });
      const flat = flattened(type, item, place, collect);
      if (!flat) continue;
      kept.push(flat);
      items.push({ item: flat, place });
    }
    result = kept;
  } else if (isRecord(value)) {
    const place = (path: readonly string[]): Place => ({ section: type.key, path });
    const flat = flattened(type, value, place, collect);
    if (!flat) return undefined;
    result = flat;
    items.push({ item: flat, place });
  }

  for (const { item, place } of items) {
    const where = (path: readonly (string | number)[]) => readablePlace(place(path.map(String)));
    withoutLeftOutClients(type, item, where, collect);
    const restored = restoreFingerprinted(type, item);
    takeSecrets(type, item, restored, place, options, collect);
    takeFiles(type, item, source, options, place, collect);
    removePlaceholders(item, [], where, collect);
    replaceDomain(item, source.domain);
  }
  return result;
}

/** A type's own reading of an item (captcha providers never configured, ...), its removals reported. */
function flattened(
  type: ResourceType,
  item: Rec,
  place: (path: readonly string[]) => Place,
  collect: Collect,
): Rec | undefined {
  if (!type.flatten) return item;
  const { item: flat, removed } = type.flatten(item);
  for (const entry of removed) collect.note('left-out', readablePlace(place(entry.path)), entry.why);
  return flat;
}

function takeFiles(
  type: ResourceType,
  item: Rec,
  source: TenantExport,
  options: TidyOptions,
  place: (path: readonly string[]) => Place,
  collect: Collect,
): void {
  const patterns = [...(type.files ?? []).map((file) => file.path), ...(type.codeFields ?? [])];
  for (const pattern of new Set(patterns)) {
    for (const match of matchPattern(item, pattern)) {
      if (typeof match.value !== 'string') continue;
      const key = exportFileKey(match.value);
      const content = source.files[key];
      const readable = readablePlace(place(match.segments.map(String)));
      if (content === undefined) {
        if (/\.(js|html|json|liquid)$/.test(match.value)) {
          collect.note('not-returned', readable, `names ${match.value}, which the export does not hold`);
        }
        continue;
      }
      const kind: AdoptedFileKind = bundledKind(type.key) ?? 'tenant-file';
      const owner = fileSlug(place([]).item ?? type.key);
      const repoPath =
        kind === 'action'
          ? `actions/${owner}/index.cjs`
          : kind === 'custom-db-script'
            ? `actions/custom-database/${owner}/${fileSlug(String(match.segments.at(-1)))}.cjs`
            : `${options.tenantDir}/${key}`;
      const text = kind === 'action' ? readCodeFingerprints(content).code : content;
      const adopted = new AdoptedFile(
        kind,
        kind === 'tenant-file' ? withDomainKeyword(text, source.domain) : text,
        repoPath,
      );
      setAt(item, match.segments, adopted);
    }
  }
}

/** deploy-cli writes `##NAME##` where Auth0 did not return a value; outside a secret's place it is no value. */
function removePlaceholders(
  node: unknown,
  path: (string | number)[],
  where: (path: readonly (string | number)[]) => string,
  collect: Collect,
): void {
  if (Array.isArray(node)) {
    for (const [index, item] of node.entries()) removePlaceholders(item, [...path, index], where, collect);
    return;
  }
  if (!isRecord(node) || node instanceof AdoptedFile) return;
  for (const [key, value] of Object.entries(node)) {
    if (isPlaceholderText(value)) {
      if (collect.secrets.some((secret) => value === textMarker(secret.name))) continue;
      delete node[key];
      collect.note(
        'not-returned',
        where([...path, key]),
        'Auth0 did not return it (the export holds a placeholder): left out',
      );
      continue;
    }
    removePlaceholders(value, [...path, key], where, collect);
  }
}

function replaceDomain(node: Rec | unknown[], domain: string): void {
  const entries: [string | number, unknown][] = Array.isArray(node)
    ? [...node.entries()]
    : Object.entries(node);
  for (const [key, value] of entries) {
    if (typeof value === 'string' && value.toLowerCase().includes(domain)) {
      (node as Record<string | number, unknown>)[key] = withDomainKeyword(value, domain);
    } else if (Array.isArray(value) || (isRecord(value) && !(value instanceof AdoptedFile))) {
      replaceDomain(value, domain);
    }
  }
}

/** The tenant's domain, wherever a text names it (in any case), as ##AUTH0_DOMAIN##. */
const withDomainKeyword = (text: string, domain: string) =>
  text.replace(new RegExp(domain.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), '##AUTH0_DOMAIN##');
