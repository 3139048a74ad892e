import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type RecordedCall,
  type RecorderView,
  replayOnFreshTenant,
  summarize,
  type Verdict,
  withTenantsDir,
} from './conformance';
import { repoRoot } from './engine';

const recordings = path.resolve(repoRoot, '../shared/reference/terraform-provider-auth0/recordings');

interface Cassette {
  recorded_with: string[];
  interactions: (RecordedCall & { repeat?: number })[];
}

/** The recorder kept an interaction identical to the one before it once, with `repeat: n`: it was made n times. */
function callsOf(cassette: Cassette): RecordedCall[] {
  return cassette.interactions.flatMap(({ repeat = 1, ...call }) =>
    Array.from({ length: repeat }, () => call),
  );
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const CLIENT_PATH = /^\/api\/v2\/clients(\/[^/?]+)?(\?|$)/;
const clientsIn = (body: unknown): unknown[] =>
  Array.isArray(body) ? body : isObject(body) && Array.isArray(body.clients) ? body.clients : [body];

/**
 * The client fields go-auth0's `Client` type had, per SDK version: those some recorded client answer of
 * that version shows. The README says the recorder passed client answers through that type, so a field
 * it lacked (`tenant`, `global`, `encrypted`, ...) is missing from every recording made with it.
 */
function clientFieldsBySdk(cassettes: readonly Cassette[]): Map<string, Set<string>> {
  const fields = new Map<string, Set<string>>();
  for (const cassette of cassettes) {
    const sdk = cassette.recorded_with.join();
    const seen = fields.get(sdk) ?? new Set<string>();
    for (const call of cassette.interactions)
      if (CLIENT_PATH.test(call.path) && call.status < 300)
        for (const client of clientsIn(call.response))
          if (isObject(client)) for (const key of Object.keys(client)) seen.add(key);
    fields.set(sdk, seen);
  }
  return fields;
}

function asRecordedClient(client: unknown, fields: ReadonlySet<string>): unknown {
  if (!isObject(client)) return client;
  const kept = Object.fromEntries(Object.entries(client).filter(([key]) => fields.has(key)));
  // The recorder replaced every signing key by one redacted certificate.
  if (Array.isArray(kept.signing_keys)) kept.signing_keys = [{ cert: '[REDACTED]' }];
  return kept;
}

/**
 * What the README says the recorder did to client answers (`POST /clients`, `GET /clients`,
 * `GET|PATCH /clients/{id}`), done to ours too: passed through go-auth0's Client type, and an error body
 * replaced (so only its status is compared).
 */
const asRecorded =
  (fields: ReadonlySet<string>): RecorderView =>
  (call, answer) => {
    if (!CLIENT_PATH.test(call.path) || !['GET', 'POST', 'PATCH'].includes(call.method)) return answer;
    if (answer.status >= 400) return call.status >= 400 ? { ...answer, body: call.response } : answer;
    const body = answer.body;
    const view = (client: unknown) => asRecordedClient(client, fields);
    if (Array.isArray(body)) return { ...answer, body: body.map(view) };
    if (isObject(body) && Array.isArray(body.clients))
      return { ...answer, body: { ...body, clients: body.clients.map(view) } };
    return { ...answer, body: view(body) };
  };

/**
 * Differences that remain, each with why, matched by call (`METHOD path`) and by how it differs; a
 * difference not listed fails the test. `readme` ones follow from what the recordings' README says of the
 * recorded tenant; `open` ones are the local tenant's own, not fixed yet (issue 15).
 */
const EXPLAINED: { call: RegExp; detail: RegExp; readme?: string; open?: string }[] = [
  {
    call: /^(GET|PATCH|POST|DELETE) \/api\/v2\/(clients|connections)\//,
    detail: /recorded, 404 here/,
    readme: 'long-lived tenant: import tests read clients and connections made before the recording',
  },
  {
    call: /\/api\/v2\/connections/,
    detail: /\.(authentication|connected_accounts): not in the recording/,
    readme: 'authentication/connected_accounts appear only in the newer recordings',
  },
  {
    call: /\/api\/v2\/roles/,
    detail: /\.type: not in the recording/,
    readme: '`type` on roles appears only in the newer recordings',
  },
  {
    call: /\/api\/v2\/attack-protection\/(captcha|bot-detection)$/,
    detail: /status 403 recorded/,
    readme: 'the recorded tenant lacked the entitlement (the tests are named InsufficientEntitlement)',
  },
  {
    call: /\/api\/v2\/resource-servers/,
    detail: /\.subject_type_authorization: not in the recording/,
    readme:
      'subject_type_authorization appears only in the newer recordings (not TestAccRolePermission, recorded with go-auth0 1.11.1)',
  },
  {
    call: /\/api\/v2\/organizations/,
    detail: /third_party_client_access: not in the recording/,
    readme: "third_party_client_access appears only in the newest recordings (and in deploy-cli's)",
  },
  {
    call: /\/api\/v2\/tenants\/settings$/,
    detail: /\.(flags\.\w+|session_lifetime|idle_session_lifetime): not in the recording/,
    readme:
      "long-lived tenant: settings set earlier left out flags and lifetimes deploy-cli's recorded tenants answer",
  },
];

describe.skipIf(!existsSync(recordings))('conformance with the Terraform provider recordings', () => {
  it('answers the recorded calls for the types it serves with the recorded status codes and shapes', async () => {
    const verdicts: Verdict[] = [];
    const cassettes = readdirSync(recordings)
      .filter((name) => name.startsWith('TestAcc') && name.endsWith('.json'))
      .sort()
      .map((file) => JSON.parse(readFileSync(path.join(recordings, file), 'utf8')) as Cassette);
    const clientFields = clientFieldsBySdk(cassettes);
    await withTenantsDir(async (tenants) => {
      for (const cassette of cassettes) {
        const view = asRecorded(clientFields.get(cassette.recorded_with.join()) ?? new Set());
        verdicts.push(...(await replayOnFreshTenant(tenants, callsOf(cassette), view)));
      }
    });
    const summary = summarize('terraform-provider-auth0', verdicts);
    const explains = (known: (typeof EXPLAINED)[number], v: Verdict) =>
      !v.shape && known.call.test(v.call) && known.detail.test(v.detail ?? '');
    const unexplained = verdicts.filter((v) => !v.shape && !EXPLAINED.some((known) => explains(known, v)));
    const byReason = EXPLAINED.map((known) => {
      const count = verdicts.filter((v) => explains(known, v)).length;
      return `\n  ${count} calls, ${known.readme ? `recorder (README): ${known.readme}` : `open: ${known.open}`}`;
    });
    console.log(
      `${summary.report}\n  differences explained:${byReason.join('')}\n  unexplained: ${unexplained.length}`,
    );
    expect(verdicts.length).toBeGreaterThan(1000);
    expect(unexplained.map((v) => `${v.call}: ${v.detail}`)).toEqual([]);
    // About 30 s of replay alone; twice that and more when the suite's other files share the machine.
  }, 240_000);
});
