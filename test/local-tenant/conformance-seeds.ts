import * as schemas from '../../scripts/local-tenant/api/schemas';
import { type Client, type IdMap, listItems, type RecordedCall } from './conformance';

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

/** By the list path a recorded GET read, which is also where its items are created. */
const SEEDS: Record<string, { fields: readonly string[]; with?: Record<string, unknown> }> = {
  '/api/v2/clients': { fields: Object.keys(schemas.CLIENT_CREATE.properties) },
  '/api/v2/connections': {
    fields: Object.keys(schemas.CONNECTION_CREATE.properties),
  },
  '/api/v2/roles': { fields: ['name', 'description'] },
  '/api/v2/resource-servers': {
    fields: Object.keys(schemas.RESOURCE_SERVER_CREATE.properties),
  },
  '/api/v2/log-streams': {
    fields: ['name', 'type', 'sink', 'filters', 'isPriority', 'pii_config'],
  },
  '/api/v2/event-streams': {
    fields: ['name', 'status', 'subscriptions', 'destination'],
  },
  '/api/v2/organizations': {
    fields: ['name', 'display_name', 'branding', 'metadata', 'token_quota'],
  },
  '/api/v2/network-acls': {
    fields: ['description', 'active', 'priority', 'rule'],
  },
  '/api/v2/self-service-profiles': {
    fields: ['name', 'description', 'user_attributes', 'allowed_strategies', 'branding'],
  },
  '/api/v2/user-attribute-profiles': {
    fields: ['name', 'user_id', 'user_attributes'],
  },
  // A form's list shows only its summary: the seed gives it a one-step body of its own.
  '/api/v2/forms': { fields: ['name'], with: SEED_FORM_BODY },
  '/api/v2/client-grants': { fields: ['client_id', 'audience', 'scope'] },
  '/api/v2/branding/phone/providers': {
    fields: ['name', 'disabled', 'configuration'],
    with: { credentials: { auth_token: 'local-seed-token-not-a-secret' } },
  },
  '/api/v2/branding/phone/templates': {
    fields: ['type', 'disabled', 'content'],
  },
  '/api/v2/actions/actions': {
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

export async function seedPresent(client: Client, token: string, met: Set<string>, call: RecordedCall) {
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
export async function seed(client: Client, token: string, ids: IdMap, call: RecordedCall) {
  const listPath = call.path.split('?')[0] ?? '';
  const target = SEEDS[listPath];
  if (!target || call.method !== 'GET') return;
  for (const item of listItems(call.response)) {
    const id = String(item.id ?? item.client_id);
    if (ids.has(id) || item.is_system === true || item.global === true) continue;
    const body = { ...JSON.parse(ids.apply(JSON.stringify(pick(item, target.fields)))), ...target.with };
    const created = await client.send('POST', listPath, body, { token });
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
