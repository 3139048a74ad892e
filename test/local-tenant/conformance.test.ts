import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type LocalTenant, startLocalTenant } from '../../scripts/local-tenant';
import { createRouter } from '../../scripts/local-tenant/api';
import * as schemas from '../../scripts/local-tenant/api/schemas';
import { RESOURCE_TYPES } from '../../scripts/resources/index';
import {
  type Client,
  IdMap,
  isServed,
  listItems,
  type RecordedCall,
  type Verdict,
  verdict,
} from './conformance';
import { repoRoot } from './engine';
import { httpClient } from './http-client';

const recordings = path.resolve(repoRoot, '../shared/reference/auth0-deploy-cli/recordings');
const router = createRouter({ actionBuildMs: 0 });

/**
 * Where a recorded list's resources are created here when the recorded tenant already had them, and what
 * a create needs that a read never shows (a phone provider's credentials).
 */
const SEED_FORM_BODY = {
  languages: { primary: 'en' },
  nodes: [
    {
      id: 'step_seed',
      type: 'STEP',
      coordinates: { x: 500, y: 0 },
      alias: 'Seed step',
      config: {
        components: [{ id: 'seed_text', category: 'FIELD', type: 'TEXT', label: 'Seed', required: false }],
        next_node: '$ending',
      },
    },
  ],
  start: { next_node: 'step_seed', coordinates: { x: 0, y: 0 } },
  ending: { resume_flow: true, coordinates: { x: 1250, y: 0 } },
};

const SEEDS: Record<string, { create: string; fields: readonly string[]; with?: Record<string, unknown> }> = {
  '/api/v2/clients': { create: '/api/v2/clients', fields: Object.keys(schemas.CLIENT_CREATE.properties) },
  '/api/v2/connections': {
    create: '/api/v2/connections',
    fields: Object.keys(schemas.CONNECTION_CREATE.properties),
  },
  '/api/v2/roles': { create: '/api/v2/roles', fields: ['name', 'description'] },
  '/api/v2/resource-servers': {
    create: '/api/v2/resource-servers',
    fields: Object.keys(schemas.RESOURCE_SERVER_CREATE.properties),
  },
  '/api/v2/log-streams': {
    create: '/api/v2/log-streams',
    fields: ['name', 'type', 'sink', 'filters', 'isPriority', 'pii_config'],
  },
  '/api/v2/event-streams': {
    create: '/api/v2/event-streams',
    fields: ['name', 'status', 'subscriptions', 'destination'],
  },
  '/api/v2/organizations': {
    create: '/api/v2/organizations',
    fields: ['name', 'display_name', 'branding', 'metadata', 'token_quota'],
  },
  '/api/v2/network-acls': {
    create: '/api/v2/network-acls',
    fields: ['description', 'active', 'priority', 'rule'],
  },
  '/api/v2/self-service-profiles': {
    create: '/api/v2/self-service-profiles',
    fields: ['name', 'description', 'user_attributes', 'allowed_strategies', 'branding'],
  },
  '/api/v2/user-attribute-profiles': {
    create: '/api/v2/user-attribute-profiles',
    fields: ['name', 'user_id', 'user_attributes'],
  },
  // A form's list shows only its summary: the seed gives it a one-step body of its own.
  '/api/v2/forms': { create: '/api/v2/forms', fields: ['name'], with: SEED_FORM_BODY },
  '/api/v2/client-grants': { create: '/api/v2/client-grants', fields: ['client_id', 'audience', 'scope'] },
  '/api/v2/branding/phone/providers': {
    create: '/api/v2/branding/phone/providers',
    fields: ['name', 'disabled', 'configuration'],
    with: { credentials: { auth_token: 'local-seed-token-not-a-secret' } },
  },
  '/api/v2/branding/phone/templates': {
    create: '/api/v2/branding/phone/templates',
    fields: ['type', 'disabled', 'content'],
  },
  '/api/v2/actions/actions': {
    create: '/api/v2/actions/actions',
    fields: ['name', 'code', 'runtime', 'supported_triggers', 'dependencies'],
  },
};

/**
 * Items and settings objects read by path that the recorded tenant already had (an email template, the
 * email provider): when the first call naming one found it there, it is created here from what was
 * recorded, with credentials made up (a read never shows them).
 */
const PRESENT: { path: RegExp; create: string; body: (recorded: Record<string, unknown>) => unknown }[] = [
  {
    path: /^\/api\/v2\/email-templates\/\w+$/,
    create: '/api/v2/email-templates',
    body: (template) => template,
  },
  {
    path: /^\/api\/v2\/emails\/provider$/,
    create: '/api/v2/emails/provider',
    body: (provider) => ({
      ...pick(provider, ['name', 'enabled', 'default_from_address', 'settings']),
      credentials: { api_key: 'conformance-seed' },
    }),
  },
];

async function seedPresent(client: Client, token: string, met: Set<string>, call: RecordedCall) {
  const itemPath = call.path.split('?')[0] ?? '';
  const target = PRESENT.find((seed) => seed.path.test(itemPath));
  if (!target || met.has(itemPath)) return;
  met.add(itemPath);
  if (call.status >= 300 || call.method === 'POST') return;
  const recorded = (call.method === 'GET' ? call.response : call.body) as Record<string, unknown>;
  await client.send('POST', target.create, target.body(recorded), { token });
}

function pick(item: Record<string, unknown>, fields: readonly string[]) {
  return Object.fromEntries(
    Object.entries(item).filter(([key, value]) => fields.includes(key) && value !== null),
  );
}

/** Creates here what a recorded list shows but this replay has not met yet, as the recorded tenant had it. */
async function seed(client: Client, token: string, ids: IdMap, call: RecordedCall) {
  const listPath = call.path.split('?')[0] ?? '';
  const target = SEEDS[listPath];
  if (!target || call.method !== 'GET') return;
  for (const item of listItems(call.response)) {
    const id = String(item.id ?? item.client_id);
    if (ids.has(id) || item.is_system === true || item.global === true) continue;
    const body = { ...JSON.parse(ids.apply(JSON.stringify(pick(item, target.fields)))), ...target.with };
    const created = await client.send('POST', target.create, body, { token });
    if (created.status >= 300) continue;
    // A network ACL's create answers without the rule: it is then the last one listed.
    const listed = created.body
      ? undefined
      : listItems((await client.send('GET', listPath, undefined, { token })).body);
    ids.set(id, created.body?.id ?? created.body?.client_id ?? listed?.at(-1)?.id);
    if (listPath === '/api/v2/actions/actions' && item.deployed_version) {
      await client.send('POST', `/api/v2/actions/actions/${created.body.id}/deploy`, undefined, { token });
    }
  }
}

async function replay(file: string, tenant: LocalTenant): Promise<Verdict[]> {
  const calls = JSON.parse(readFileSync(path.join(recordings, file), 'utf8')) as RecordedCall[];
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
      call.body === '' || call.body === undefined
        ? undefined
        : JSON.parse(ids.apply(JSON.stringify(call.body)));
    const answer = await client.send(call.method, ids.apply(call.path), body, { token });
    ids.learn(call.response, answer.body);
    verdicts.push(verdict(call, answer));
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
function typeOf(call: string): string {
  const [method = '', path = ''] = call.split(' ');
  const route = router.match(method, path.slice('/api/v2'.length))?.route;
  return (route && ROUTE_TYPES.get(`${route.method} ${route.template}`)) ?? 'other (client credentials)';
}

/** One line per type: calls replayed, status codes and shapes that match. */
function perType(verdicts: readonly Verdict[]): string {
  const byType = new Map<string, Verdict[]>();
  for (const verdict of verdicts) {
    const type = typeOf(verdict.call);
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

describe.skipIf(!existsSync(recordings))('conformance with recorded Management API traffic', () => {
  it('answers the recorded calls for the types it serves with the recorded status codes and shapes', async () => {
    const verdicts: Verdict[] = [];
    for (const file of readdirSync(recordings)
      .filter((name) => name.endsWith('.json'))
      .sort()) {
      const dir = await mkdtemp(path.join(tmpdir(), 'local-tenant-conformance-'));
      const tenant = await startLocalTenant({
        port: 0,
        stateFile: path.join(dir, 'state.json'),
        actionBuildMs: 0,
      });
      try {
        verdicts.push(...(await replay(file, tenant)));
      } finally {
        await tenant.close();
        await rm(dir, { recursive: true, force: true });
      }
    }
    const statusMatches = verdicts.filter((v) => v.status).length;
    const shapeMatches = verdicts.filter((v) => v.shape).length;
    const fields = verdicts.reduce(
      (sum, v) => ({ recorded: sum.recorded + v.fields.recorded, present: sum.present + v.fields.present }),
      { recorded: 0, present: 0 },
    );
    const misses = new Map<string, string>();
    for (const v of verdicts)
      if (!v.shape && v.detail) misses.set(`${v.call} ${v.status ? 'shape' : 'status'}`, v.detail);
    console.log(
      `conformance: ${verdicts.length} recorded calls replayed; status codes match ${share(statusMatches, verdicts.length)}, ` +
        `status and shape match ${share(shapeMatches, verdicts.length)}; ` +
        `recorded fields present in our answers ${share(fields.present, fields.recorded)}; by type:` +
        perType(verdicts) +
        [...misses].map(([call, detail]) => `\n  ${call}: ${detail}`).join(''),
    );
    expect(verdicts.length).toBeGreaterThan(100);
    expect(statusMatches).toBe(verdicts.length);
    expect(shapeMatches).toBe(verdicts.length);
    // Measured 91%: what is left out is mostly clients' signing keys and read-only tenant flags.
    expect(fields.present / fields.recorded).toBeGreaterThan(0.88);
  }, 60_000);
});
