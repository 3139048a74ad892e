/**
 * Our tenant's Actions and legacy-users scripts, built with the repository's bundler (`npm run build`'s
 * buildTenant) and written into a fresh local tenant's state as a deploy leaves them: each Action with one
 * deployed version and its secret values, the bindings in order, the connection with its scripts.
 */
import path from 'node:path';
import { buildTenant } from '../../scripts/bundle/build-tenant';
import type {
  LocalUser,
  LoginRequest,
  PostLoginInput,
} from '../../scripts/local-tenant/authentication/contract';
import { TenantStore } from '../../scripts/local-tenant/state/store';
import type { ActionRecord, JsonObject } from '../../scripts/local-tenant/state/types';
import { loadTenant } from '../../scripts/tenant/load';
import { repoRoot } from '../deploy/workspace';

type Built = {
  name: string;
  code: string;
  dependencies: JsonObject[];
  secrets: { name: string; value: string }[];
};

/** A store holding our built Actions; `secretValues` fills what the build leaves as `##NAME##`. */
export async function storeWithOurActions(dir: string, secretValues: Record<string, string>) {
  const loaded = await loadTenant({ dir: path.join(repoRoot, 'tenant'), env: 'local' });
  const built = await buildTenant(loaded, { outDir: path.join(dir, 'dist') });
  if (!built.ok || !built.output) throw new Error(`the build failed: ${JSON.stringify(built.problems)}`);
  const { tenant, files } = built.output;
  const store = TenantStore.open({
    file: path.join(dir, 'state.json'),
    reset: true,
    domain: '127.0.0.1:8443',
    deployScopes: [],
  });
  const now = new Date().toISOString();
  const actions = (tenant.actions as Built[]).map((action, index): ActionRecord => {
    const code = files[action.code.replace(/^\.\//, '')] ?? '';
    const secrets = action.secrets.map(({ name, value }) => ({
      name,
      value: secretValues[name] ?? value,
      updated_at: now,
    }));
    const versionId = `ver_${index}`;
    return {
      id: `act_${index}`,
      name: action.name,
      supported_triggers: [],
      code,
      dependencies: action.dependencies,
      runtime: 'node22',
      secrets,
      created_at: now,
      updated_at: now,
      built_at: now,
      versions: [
        {
          id: versionId,
          number: 1,
          code,
          runtime: 'node22',
          dependencies: action.dependencies,
          secrets: secrets.map(({ name }) => ({ name, updated_at: now })),
          supported_triggers: [],
          built_at: now,
          created_at: now,
          updated_at: now,
        },
      ],
      deployed_version_id: versionId,
      all_changes_deployed: true,
    };
  });
  store.state.actions = actions;
  const triggers = tenant.triggers as Record<string, { action_name: string; display_name: string }[]>;
  store.state.bindings = Object.fromEntries(
    Object.entries(triggers).map(([trigger, list]) => [
      trigger,
      list.map((binding, index) => ({
        id: `bind_${trigger}_${index}`,
        trigger_id: trigger,
        action_id: actions.find((action) => action.name === binding.action_name)?.id ?? 'missing',
        display_name: binding.display_name,
        created_at: now,
        updated_at: now,
      })),
    ]),
  );
  const scripts = {
    login: files['databases/legacy-users/login.js'],
    get_user: files['databases/legacy-users/get_user.js'],
  };
  return { store, scripts };
}

export const request = (ip: string): LoginRequest => ({
  ip,
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) actions-runtime-test',
  hostname: '127.0.0.1:8443',
  method: 'POST',
  query: {},
  language: 'en-GB',
});

export function localUser(overrides: Partial<LocalUser>): LocalUser {
  return {
    user_id: 'auth0|65f1c0ffee0000000000a1b2',
    connection: 'Username-Password-Authentication',
    email: 'alice@example.com',
    email_verified: true,
    name: 'Alice',
    app_metadata: {},
    user_metadata: {},
    identities: [
      {
        provider: 'auth0',
        user_id: '65f1c0ffee0000000000a1b2',
        connection: 'Username-Password-Authentication',
        isSocial: false,
      },
    ],
    roles: [],
    organizations: [],
    logins_count: 3,
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function loginInput(user: LocalUser, ip = '127.0.0.1'): PostLoginInput {
  return {
    user,
    client: { client_id: 'spa-client', name: 'Documents SPA', client_metadata: {} },
    connection: { id: 'con_db', name: 'Username-Password-Authentication', strategy: 'auth0' },
    resourceServer: { identifier: 'https://documents.example.com/' },
    request: request(ip),
    transaction: {
      id: 'tx_1',
      clientId: 'spa-client',
      redirectUri: 'https://app.example.com/callback',
      responseType: 'code',
      responseMode: 'query',
      scopes: ['openid', 'profile'],
      audience: 'https://documents.example.com/',
      prompt: [],
      createdAt: Date.now(),
    },
    authenticationMethods: [{ name: 'pwd', timestamp: new Date().toISOString() }],
    now: Date.now(),
  };
}

export interface InlineAction {
  name: string;
  code: string;
  secrets?: Record<string, string>;
  dependencies?: JsonObject[];
}

/** Binds `inline` (deployed, one version each) to `trigger` instead of what is bound; returns the undo. */
export function bindInline(store: TenantStore, trigger: string, inline: InlineAction[]): () => void {
  const before = { actions: store.state.actions, bindings: store.state.bindings[trigger] };
  const now = new Date().toISOString();
  const records = inline.map((action, index): ActionRecord => {
    const secrets = Object.entries(action.secrets ?? {}).map(([name, value]) => ({
      name,
      value,
      updated_at: now,
    }));
    const version = {
      id: `ver_inline_${action.name}_${Date.now()}_${index}`,
      number: 1,
      code: action.code,
      runtime: 'node22',
      dependencies: action.dependencies ?? [],
      secrets: secrets.map(({ name }) => ({ name, updated_at: now })),
      supported_triggers: [],
      built_at: now,
      created_at: now,
      updated_at: now,
    };
    return {
      id: `act_inline_${action.name}`,
      name: action.name,
      supported_triggers: [],
      code: action.code,
      dependencies: version.dependencies,
      runtime: 'node22',
      secrets,
      created_at: now,
      updated_at: now,
      built_at: now,
      versions: [version],
      deployed_version_id: version.id,
      all_changes_deployed: true,
    };
  });
  store.state.actions = [...before.actions, ...records];
  store.state.bindings[trigger] = records.map((record) => ({
    id: `bind_${record.id}`,
    trigger_id: trigger,
    action_id: record.id,
    display_name: record.name,
    created_at: now,
    updated_at: now,
  }));
  return () => {
    store.state.actions = before.actions;
    store.state.bindings[trigger] = before.bindings ?? [];
  };
}
