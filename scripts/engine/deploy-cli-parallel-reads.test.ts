import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { applyDeployCliFixes } from './deploy-cli-fixes';

const require = createRequire(import.meta.url);
applyDeployCliFixes(require);

interface Handler {
  client: unknown;
  existing?: unknown;
  getType(): Promise<unknown>;
  getCustomTextSettings?: () => Promise<unknown>;
  getCustomPromptsPartials?: () => Promise<unknown>;
}
const handlerOf = (type: string, fields: Partial<Handler>): Handler => {
  const module = require(`auth0-deploy-cli/lib/tools/auth0/handlers/${type}`) as {
    default: { prototype: object };
  };
  return Object.assign(Object.create(module.default.prototype), fields) as Handler;
};

/** A tenant that answers each read after a tick and remembers how many were in flight at once. */
function slowTenant() {
  let inFlight = 0;
  const seen = { mostAtOnce: 0, reads: [] as string[] };
  const answer = async <T>(what: string, value: T | (() => T)): Promise<T> => {
    inFlight += 1;
    seen.mostAtOnce = Math.max(seen.mostAtOnce, inFlight);
    seen.reads.push(what);
    await new Promise((resolve) => setTimeout(resolve, 5));
    inFlight -= 1;
    return typeof value === 'function' ? (value as () => T)() : value;
  };
  return { answer, seen };
}

const binding = (action: string) => ({ action: { name: action }, display_name: action });

describe("the triggers read, as the engine's deploy-cli runs it", () => {
  it("reads every trigger's bindings at once and keeps the triggers' order", async () => {
    const { answer, seen } = slowTenant();
    const bindings: Record<string, ReturnType<typeof binding>[]> = {
      'post-login': [binding('Risk decision'), binding('Role claims')],
      'credentials-exchange': [],
      'pre-user-registration': [binding('Block disposable email')],
    };
    const handler = handlerOf('triggers', {
      client: {
        actions: {
          triggers: {
            list: () => answer('triggers', { triggers: Object.keys(bindings).map((id) => ({ id })) }),
            bindings: { list: (id: string) => answer(id, { data: bindings[id] }) },
          },
        },
      },
    });

    const read = await handler.getType();

    expect(read).toEqual({
      'post-login': [
        { action_name: 'Risk decision', display_name: 'Risk decision' },
        { action_name: 'Role claims', display_name: 'Role claims' },
      ],
      'pre-user-registration': [
        { action_name: 'Block disposable email', display_name: 'Block disposable email' },
      ],
    });
    expect(Object.keys(read as object)).toEqual(['post-login', 'pre-user-registration']);
    expect(seen.mostAtOnce).toBe(3);
  });

  it('skips a trigger whose bindings cannot be read, as deploy-cli does', async () => {
    const handler = handlerOf('triggers', {
      client: {
        actions: {
          triggers: {
            list: async () => ({ triggers: [{ id: 'post-login' }, { id: 'send-phone-message' }] }),
            bindings: {
              list: async (id: string) => {
                if (id === 'send-phone-message') throw new Error('Not available on this tenant');
                return { data: [binding('Role claims')] };
              },
            },
          },
        },
      },
    });

    await expect(handler.getType()).resolves.toEqual({
      'post-login': [{ action_name: 'Role claims', display_name: 'Role claims' }],
    });
  });

  it('reads a tenant with Actions turned off as having no bindings', async () => {
    const off = Object.assign(new Error('Actions are not enabled'), {
      statusCode: 403,
      originalError: { response: { body: { errorCode: 'feature_not_enabled' } } },
    });
    const handler = handlerOf('triggers', {
      client: { actions: { triggers: { list: () => Promise.reject(off), bindings: { list: () => [] } } } },
    });

    await expect(handler.getType()).resolves.toEqual({});
  });
});

describe("the prompts read, as the engine's deploy-cli runs it", () => {
  const screenRenderer = { prompt: 'login-id', screen: 'login-id', rendering_mode: 'advanced' };

  function promptsOf(answer: ReturnType<typeof slowTenant>['answer'], renderers: () => unknown) {
    return handlerOf('prompts', {
      client: {
        prompts: {
          getSettings: () =>
            answer('settings', { universal_login_experience: 'new', identifier_first: true }),
          rendering: { list: () => answer('renderers', renderers) },
        },
      },
      getCustomTextSettings: () => answer('custom text', { en: { login: { title: 'Sign in' } } }),
      getCustomPromptsPartials: () => answer('partials', { login: { 'form-content-start': '<p>Hi</p>' } }),
    });
  }

  it('reads the settings, custom texts, partials and screen renderers at once, into one prompts object', async () => {
    const { answer, seen } = slowTenant();

    const read = await promptsOf(answer, () => [screenRenderer]).getType();

    expect(read).toEqual({
      universal_login_experience: 'new',
      identifier_first: true,
      customText: { en: { login: { title: 'Sign in' } } },
      partials: { login: { 'form-content-start': '<p>Hi</p>' } },
      screenRenderers: [screenRenderer],
    });
    expect(seen.mostAtOnce).toBe(4);
  });

  it('still reads the prompts when the screen renderers cannot be read, without them', async () => {
    const { answer } = slowTenant();
    const failing = () => {
      throw Object.assign(new Error('Forbidden'), { statusCode: 403 });
    };

    const read = (await promptsOf(answer, failing).getType()) as Record<string, unknown>;

    expect(read.customText).toEqual({ en: { login: { title: 'Sign in' } } });
    expect(read).not.toHaveProperty('screenRenderers');
  });
});

describe("the attack protection read, as the engine's deploy-cli runs it", () => {
  const refused = () => Promise.reject(Object.assign(new Error('Forbidden'), { statusCode: 403 }));

  it('reads all five settings at once, leaving out the two the plan does not have', async () => {
    const { answer, seen } = slowTenant();
    const handler = handlerOf('attackProtection', {
      client: {
        attackProtection: {
          breachedPasswordDetection: { get: () => answer('breached', { enabled: true }) },
          bruteForceProtection: { get: () => answer('brute force', { enabled: true, max_attempts: 5 }) },
          suspiciousIpThrottling: { get: () => answer('ip throttling', { enabled: true }) },
          botDetection: { get: () => answer('bot detection', refused) },
          captcha: { get: () => answer('captcha', { active_provider_id: 'auth_challenge' }) },
        },
      },
    });

    const read = await handler.getType();

    expect(read).toEqual({
      breachedPasswordDetection: { enabled: true },
      bruteForceProtection: { enabled: true, max_attempts: 5 },
      suspiciousIpThrottling: { enabled: true },
      captcha: { active_provider_id: 'auth_challenge' },
    });
    expect(seen.mostAtOnce).toBe(5);
  });
});

describe("the roles read, as the engine's deploy-cli runs it", () => {
  const permission = (name: string) => ({
    permission_name: name,
    resource_server_identifier: 'https://api.documents.example.com',
    resource_server_name: 'Documents API',
    description: `${name} documents`,
  });
  /** A role's permissions as the SDK pages them: `pages` in turn. */
  const paged = (pages: ReturnType<typeof permission>[][], index = 0): unknown => ({
    data: pages[index],
    hasNextPage: () => index + 1 < pages.length,
    getNextPage: async () => paged(pages, index + 1),
  });

  it("reads the roles' permissions a few roles at a time, every page, without the names deploy-cli drops", async () => {
    const { answer, seen } = slowTenant();
    const permissions: Record<string, ReturnType<typeof permission>[][]> = {
      rol_admin: [
        [permission('read:documents'), permission('write:documents')],
        [permission('delete:documents')],
      ],
      rol_editor: [[permission('write:documents')]],
      rol_reader: [[permission('read:documents')]],
    };
    const handler = handlerOf('roles', {
      client: {
        roles: {
          list: () =>
            answer('roles', () => Object.keys(permissions).map((id) => ({ id, name: id.slice(4) }))),
          permissions: { list: (id: string) => answer(id, () => paged(permissions[id] ?? [])) },
        },
      },
    });

    const read = (await handler.getType()) as { name: string; permissions: { permission_name: string }[] }[];

    expect(read.map((role) => [role.name, role.permissions.map((p) => p.permission_name)])).toEqual([
      ['admin', ['read:documents', 'write:documents', 'delete:documents']],
      ['editor', ['write:documents']],
      ['reader', ['read:documents']],
    ]);
    expect(read[0]?.permissions[0]).toEqual({
      permission_name: 'read:documents',
      resource_server_identifier: 'https://api.documents.example.com',
    });
    expect(seen.mostAtOnce).toBe(3);
  });
});
