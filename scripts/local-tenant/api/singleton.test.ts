import { afterEach, describe, expect, it } from 'vitest';
import { serveInProcess } from '../../../test/local-tenant/in-process';
import { invalidBody } from '../http/errors';
import { boolean, closedObject, integer, nullable, object, string } from './schemas/json';
import { type SingletonDeclaration, singletonRoutes } from './singleton';

/** A settings object the local tenant does not serve yet, declared as the next ones will be. */
const PROMPTS: SingletonDeclaration = {
  path: '/prompts',
  scopes: { read: 'read:prompts', update: 'update:prompts' },
  at: 'guardian.providers.prompts',
  initial: { universal_login_experience: 'new', identifier_first: false },
  schema: closedObject({
    universal_login_experience: string,
    identifier_first: boolean,
    webauthn_platform_first_factor: nullable(boolean),
    branding: object,
  }),
};

let tenant: ReturnType<typeof serveInProcess> | undefined;
const serve = (declaration: SingletonDeclaration) => {
  tenant = serveInProcess(singletonRoutes(declaration));
  return tenant;
};
afterEach(() => tenant?.close());

describe('a settings object made from its declaration', () => {
  it('is read with GET and merged with PATCH, each with its scope', () => {
    expect(
      singletonRoutes(PROMPTS).map((route) => `${route.method} ${route.template} ${route.scope}`),
    ).toEqual(['GET /prompts read:prompts', 'PATCH /prompts update:prompts']);
  });

  it('answers its initial settings until written, then the settings merged with each PATCH', async () => {
    const { call, state } = serve(PROMPTS);

    const before = await call('GET', '/prompts');
    const first = await call('PATCH', '/prompts', { identifier_first: true, branding: { logo: 'a.png' } });
    const second = await call('PATCH', '/prompts', { branding: { colour: 'blue' } });

    expect(before).toEqual({
      status: 200,
      body: { universal_login_experience: 'new', identifier_first: false },
    });
    expect(first.body).toEqual({
      universal_login_experience: 'new',
      identifier_first: true,
      branding: { logo: 'a.png' },
    });
    // A shallow merge: the second PATCH's branding replaces the first's.
    expect(second.body).toEqual({ ...first.body, branding: { colour: 'blue' } });
    expect(state().guardian.providers.prompts).toEqual(second.body);
  });

  it('merges objects key by key when declared deep, and removes what a PATCH nulls when declared so', async () => {
    const { call } = serve({ ...PROMPTS, merge: 'deep', nullClears: true });
    await call('PATCH', '/prompts', { branding: { logo: 'a.png' }, webauthn_platform_first_factor: true });

    const merged = await call('PATCH', '/prompts', {
      branding: { colour: 'blue' },
      webauthn_platform_first_factor: null,
    });

    expect(merged.body).toEqual({
      universal_login_experience: 'new',
      identifier_first: false,
      branding: { logo: 'a.png', colour: 'blue' },
    });
  });

  it('replaces the whole object with PUT', async () => {
    const { call } = serve({ ...PROMPTS, methods: ['PUT'] });

    const replaced = await call('PUT', '/prompts', { identifier_first: true });
    const patch = await call('PATCH', '/prompts', { identifier_first: false });

    expect(replaced).toEqual({ status: 200, body: { identifier_first: true } });
    expect(patch.status).toBe(404);
    expect((await call('GET', '/prompts')).body).toEqual({ identifier_first: true });
  });

  it("refuses what its schema does not allow, in Auth0's words, and changes nothing", async () => {
    const { call } = serve(PROMPTS);

    const refused = await call('PATCH', '/prompts', { identifier_first: 'yes' });

    expect(refused).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        error: 'Bad Request',
        message:
          "Payload validation error: 'Expected type boolean but found type string' on property identifier_first.",
        errorCode: 'invalid_body',
      },
    });
    expect((await call('GET', '/prompts')).body.identifier_first).toBe(false);
  });

  it('stores what it prepares from a request, and answers as it renders, projected on reads', async () => {
    const { call, state } = serve({
      path: '/sessions',
      scopes: { read: 'read:tenant_settings', update: 'update:tenant_settings' },
      at: 'settings',
      schema: closedObject({ lifetime_in_minutes: integer, friendly_name: string }),
      prepare: ({ lifetime_in_minutes: minutes, ...rest }) => {
        if (minutes === 0)
          throw invalidBody("'Value must be a whole number of minutes' on property lifetime.");
        return minutes === undefined ? rest : { ...rest, lifetime: Number(minutes) / 60 };
      },
      render: (settings, method) => (method === 'GET' ? { ...settings, read: true } : settings),
      projection: true,
    });

    const written = await call('PATCH', '/sessions', { lifetime_in_minutes: 90 });
    const read = await call('GET', '/sessions?fields=lifetime,read');
    const refused = await call('PATCH', '/sessions', { lifetime_in_minutes: 0 });

    expect(written.body).toMatchObject({ lifetime: 1.5 });
    expect(written.body).not.toHaveProperty('read');
    expect(read.body).toEqual({ lifetime: 1.5, read: true });
    expect(refused.status).toBe(400);
    expect(state().settings.lifetime).toBe(1.5);
  });
});
