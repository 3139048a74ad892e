import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type LocalTenant, startLocalTenant } from '../../scripts/local-tenant';
import { createRouter } from '../../scripts/local-tenant/api';
import { newSigningKey, type SigningKeyRecord } from '../../scripts/local-tenant/authentication/signing-key';
import { createTlsMaterial, type TlsMaterial } from '../../scripts/local-tenant/cert';
import type { Router } from '../../scripts/local-tenant/http/router';
import { RESOURCE_TYPES } from '../../scripts/resources/index';
import { seed, seedPresent } from './conformance-seeds';
import { type Answer, httpClient } from './http-client';

type Json = any;

export interface RecordedCall {
  method: string;
  path: string;
  body: Json;
  status: number;
  response: Json;
}

export interface Verdict {
  call: string;
  status: boolean;
  shape: boolean;
  detail?: string;
  /** Fields of the recorded answer (at every depth) and how many of them this answer has too. */
  fields: FieldCoverage;
}

export interface FieldCoverage {
  recorded: number;
  present: number;
}

const typeOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
const PAGING_KEYS = new Set(['total', 'start', 'limit', 'next', 'page', 'per_page']);

/** What pairs a recorded list item with ours: its name, or its type where items have no name (phone templates). */
const labelOf = (item: Json): unknown => item?.name ?? item?.type;
const twinOf = (items: Json[], item: Json): Json | undefined =>
  labelOf(item) === undefined ? undefined : items.find((candidate) => labelOf(candidate) === labelOf(item));

/**
 * Keys and value types: a list envelope must have exactly the recorded keys; a resource may leave out
 * fields the real tenant had (optional ones) but may not invent fields or change a field's type.
 */
export function shapeDifference(recorded: Json, ours: Json, where = '$'): string | undefined {
  if (typeOf(recorded) !== typeOf(ours))
    return `${where}: ${typeOf(recorded)} recorded, ${typeOf(ours)} here`;
  if (Array.isArray(recorded)) {
    // Compare each of our items with the recorded item of the same name (else the first one).
    for (const [index, item] of ours.entries()) {
      const twin = twinOf(recorded, item);
      const difference =
        recorded.length > 0 ? shapeDifference(twin ?? recorded[0], item, `${where}[${index}]`) : undefined;
      if (difference) return difference;
    }
    return undefined;
  }
  if (typeOf(recorded) !== 'object') return undefined;
  if (isEnvelope(recorded) && Object.keys(recorded).sort().join() !== Object.keys(ours).sort().join()) {
    return `${where}: keys ${Object.keys(recorded).sort()} recorded, ${Object.keys(ours).sort()} here`;
  }
  for (const key of Object.keys(ours)) {
    if (!(key in recorded)) return `${where}.${key}: not in the recording`;
    const difference = shapeDifference(recorded[key], ours[key], `${where}.${key}`);
    if (difference) return difference;
  }
  return undefined;
}

/**
 * The other half of the shape: `shapeDifference` lets a resource leave out optional fields, so this counts
 * how many of the recorded fields (at every depth, items paired by name as there) this answer does have.
 */
export function fieldCoverage(recorded: Json, ours: Json): FieldCoverage {
  const total: FieldCoverage = { recorded: 0, present: 0 };
  const add = (part: FieldCoverage) => {
    total.recorded += part.recorded;
    total.present += part.present;
  };
  if (Array.isArray(recorded) && Array.isArray(ours)) {
    for (const item of recorded) {
      const twin = twinOf(ours, item);
      add(fieldCoverage(item, twin ?? ours[0]));
    }
  } else if (typeOf(recorded) === 'object') {
    for (const key of Object.keys(recorded)) {
      total.recorded += 1;
      const here = typeOf(ours) === 'object' && key in ours;
      if (here) total.present += 1;
      add(fieldCoverage(recorded[key], here ? ours[key] : undefined));
    }
  }
  return total;
}

/** Recorded ids (and the recorded tenant's Management API audience) -> ours, learnt while replaying. */
export class IdMap {
  private readonly ids = new Map<string, string>();

  set(recorded: unknown, ours: unknown): void {
    if (typeof recorded === 'string' && typeof ours === 'string' && recorded !== ours)
      this.ids.set(recorded, ours);
  }

  has(recorded: string): boolean {
    return this.ids.has(recorded);
  }

  apply(text: string): string {
    let result = text;
    for (const [recorded, ours] of this.ids) result = result.split(recorded).join(ours);
    return result;
  }

  /** Pairs resources of a recorded answer with ours by name, learning their ids. */
  learn(recorded: Json, ours: Json): void {
    const recordedItems = listItems(recorded);
    const ourItems = listItems(ours);
    for (const item of recordedItems) {
      const match = ourItems.find(
        (candidate) => candidate.name !== undefined && candidate.name === item.name,
      );
      if (match) this.learnOne(item, match);
    }
    if (recordedItems.length === 0 && typeOf(recorded) === 'object' && typeOf(ours) === 'object')
      this.learnOne(recorded, ours);
  }

  private learnOne(recorded: Json, ours: Json): void {
    this.set(recorded.id, ours.id);
    this.set(recorded.client_id, ours.client_id);
  }
}

/** A list's envelope (`{clients: [...], total, start, ...}`): paging keys and arrays only. */
const isEnvelope = (body: Json) =>
  Object.keys(body).every((key) => PAGING_KEYS.has(key) || Array.isArray(body[key]));

/** A list's items; none for a single resource, even one with a list of objects in it (a client's signing keys). */
export function listItems(body: Json): Json[] {
  if (Array.isArray(body)) return body.filter((item) => typeOf(item) === 'object');
  if (typeOf(body) !== 'object' || !isEnvelope(body)) return [];
  const list = Object.values(body).find(Array.isArray) as Json[] | undefined;
  return list?.filter((item) => typeOf(item) === 'object') ?? [];
}

/** Whether the local tenant serves this recorded call (its path below /api/v2, without the query). */
export function isServed(router: Router, call: RecordedCall): boolean {
  const path = call.path.split('?')[0] ?? '';
  return path.startsWith('/api/v2/') && router.match(call.method, path.slice('/api/v2'.length)) !== undefined;
}

export function verdict(call: RecordedCall, answer: Answer): Verdict {
  const name = `${call.method} ${call.path.split('?')[0]}`;
  const status = answer.status === call.status;
  // An empty answer is recorded as '' (deploy-cli) or null (the Terraform recordings).
  const recorded = call.response === '' || call.response === null ? undefined : call.response;
  const detail = status ? shapeDifference(recorded, answer.body) : undefined;
  return {
    call: name,
    status,
    shape: status && detail === undefined,
    fields: status ? fieldCoverage(recorded, answer.body) : { recorded: 0, present: 0 },
    detail: status
      ? detail
      : `status ${call.status} recorded, ${answer.status} here: ${JSON.stringify(answer.body)?.slice(0, 200)}`,
  };
}

export type Client = ReturnType<typeof httpClient>;

export const router = createRouter({ actionBuildMs: 0 });

/**
 * What a source's recorder did to the answers it recorded, done to ours as well before they are compared
 * (the Terraform recorder passed client answers through go-auth0's Client type); none for deploy-cli.
 */
export type RecorderView = (call: RecordedCall, answer: Answer) => Answer;

/**
 * Replays one recording's calls that the local tenant serves, against a fresh local tenant (a new state
 * file in `tenants.dir`, the shared TLS material: making it anew is most of a start).
 */
export async function replayOnFreshTenant(
  tenants: TenantsDir,
  calls: readonly RecordedCall[],
  view?: RecorderView,
) {
  const stateFile = path.join(tenants.dir, `state-${randomUUID()}.json`);
  const tenant = await startLocalTenant({
    port: 0,
    stateFile,
    actionBuildMs: 0,
    tls: tenants.tls,
    signingKey: tenants.signingKey,
  });
  try {
    return await replay(calls, tenant, view);
  } finally {
    await tenant.close();
    await rm(stateFile, { force: true });
  }
}

/** A temporary folder for the local tenants' state files, and the TLS material and token key they all share. */
export interface TenantsDir {
  dir: string;
  tls: TlsMaterial;
  signingKey: SigningKeyRecord;
}

export async function withTenantsDir<T>(replayAll: (tenants: TenantsDir) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'local-tenant-conformance-'));
  try {
    return await replayAll({ dir, tls: createTlsMaterial(dir), signingKey: newSigningKey() });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function replay(calls: readonly RecordedCall[], tenant: LocalTenant, view?: RecorderView) {
  const client = httpClient(tenant);
  const token = await client.token();
  const ids = new IdMap();
  const recordedAudience = calls
    .map((call) => JSON.stringify(call.response))
    .join()
    .match(/https:\/\/[a-z0-9.-]+\.auth0\.com\/api\/v2\//);
  if (recordedAudience) ids.set(recordedAudience[0], `https://${tenant.domain}/api/v2/`);
  const verdicts: Verdict[] = [];
  const met = new Set<string>();
  for (const call of calls.filter((candidate) => isServed(router, candidate))) {
    await seed(client, token, ids, call);
    await seedPresent(client, token, met, call);
    const body =
      call.body === '' || call.body === undefined || call.body === null
        ? undefined
        : JSON.parse(ids.apply(JSON.stringify(call.body)));
    const answer = await client.send(call.method, ids.apply(call.path), body, { token });
    ids.learn(call.response, answer.body);
    verdicts.push(verdict(call, view ? view(call, answer) : answer));
  }
  return verdicts;
}

const share = (count: number, total: number) => `${count}/${total} (${Math.round((100 * count) / total)}%)`;

/**
 * Which registry type serves a recorded call: the first type whose local routes match its method and
 * path (types that share routes, such as actions and their triggers, list them in both).
 */
const ROUTE_TYPES = new Map<string, string>();
for (const type of RESOURCE_TYPES) {
  for (const route of type.localRoutes?.({ actionBuildMs: 0 }) ?? []) {
    const key = `${route.method} ${route.template}`;
    if (!ROUTE_TYPES.has(key)) ROUTE_TYPES.set(key, type.key);
  }
}
function resourceTypeOf(call: string): string {
  const [method = '', path = ''] = call.split(' ');
  const route = router.match(method, path.slice('/api/v2'.length))?.route;
  return (route && ROUTE_TYPES.get(`${route.method} ${route.template}`)) ?? 'other (client credentials)';
}

/** One line per type: calls replayed, status codes and shapes that match. */
function perType(verdicts: readonly Verdict[]): string {
  const byType = new Map<string, Verdict[]>();
  for (const verdict of verdicts) {
    const type = resourceTypeOf(verdict.call);
    byType.set(type, [...(byType.get(type) ?? []), verdict]);
  }
  return [...byType]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([type, list]) => {
      const status = list.filter((v) => v.status).length;
      const shape = list.filter((v) => v.shape).length;
      return `\n  ${type}: ${list.length} calls, status ${share(status, list.length)}, shape ${share(shape, list.length)}`;
    })
    .join('');
}

export interface Summary {
  status: number;
  shape: number;
  fields: FieldCoverage;
  /** One line per replay, per type and per call that differs (with how it differs). */
  report: string;
}

export function summarize(source: string, verdicts: readonly Verdict[]): Summary {
  const status = verdicts.filter((v) => v.status).length;
  const shape = verdicts.filter((v) => v.shape).length;
  const fields = verdicts.reduce(
    (sum, v) => ({ recorded: sum.recorded + v.fields.recorded, present: sum.present + v.fields.present }),
    { recorded: 0, present: 0 },
  );
  const misses = new Map<string, string>();
  for (const v of verdicts)
    if (!v.shape && v.detail) misses.set(`${v.call} ${v.status ? 'shape' : 'status'}`, v.detail);
  const report =
    `conformance (${source}): ${verdicts.length} recorded calls replayed; status codes match ${share(status, verdicts.length)}, ` +
    `status and shape match ${share(shape, verdicts.length)}; ` +
    `recorded fields present in our answers ${share(fields.present, fields.recorded)}; by type:` +
    perType(verdicts) +
    [...misses].map(([call, detail]) => `\n  ${call}: ${detail}`).join('');
  return { status, shape, fields, report };
}
