import { describe, expect, it } from 'vitest';
import type { PublicReply, PublicRequest } from '../../http/public-routes';
import type { TenantStore } from '../../state/store';
import { CODE_LIFETIME_MS, profileIdFor, socialIdentityProviderStandIn } from './provider';

const DOMAIN = '127.0.0.1:9443';
const CALLBACK = `https://${DOMAIN}/login/callback`;
const GOOGLE = {
  name: 'google-oauth2',
  strategy: 'google-oauth2',
  options: { client_id: 'google-id', client_secret: 'google-secret', scope: ['email', 'profile'] },
};
const store = { state: { connections: [GOOGLE] } } as unknown as TenantStore;

/** A stand-in on a clock the test moves, with its routes called directly (no server). */
function standIn() {
  let clock = 1_000_000;
  const { provider, routes } = socialIdentityProviderStandIn({
    domain: DOMAIN,
    registeredApps: { 'google-id': 'google-secret' },
    now: () => clock,
  });
  const send = async (method: 'GET' | 'POST', url: string, body?: unknown, cookie?: string) => {
    const route = routes.find((candidate) => candidate.method === method);
    const request: PublicRequest = {
      method,
      url: new URL(url),
      headers: cookie ? { cookie } : {},
      body,
      remoteAddress: '127.0.0.1',
      store,
      domain: DOMAIN,
    };
    return (await route?.handle(request)) as PublicReply;
  };
  /** Opens the page and posts its form with `fields`, as a browser with the page's cookie would. */
  const signIn = async (fields: Record<string, string>, state = 'xyz') => {
    const url = provider.authorizeUrl(GOOGLE, CALLBACK, state);
    const page = await send('GET', url);
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.html ?? '')?.[1] ?? '';
    const cookie = page.headers?.['set-cookie']?.split(';')[0];
    return send('POST', url, { csrf, ...fields }, cookie);
  };
  const codeOf = (reply: PublicReply) =>
    new URL(reply.headers?.location ?? '').searchParams.get('code') ?? '';
  return { provider, send, signIn, codeOf, advance: (ms: number) => (clock += ms) };
}

describe('the social identity provider stand-in', () => {
  it('asks for the connection client id, the callback, the state and the scopes', () => {
    const url = new URL(standIn().provider.authorizeUrl(GOOGLE, CALLBACK, 's1'));
    expect(url.pathname).toBe('/stand-in/idp/google-oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'google-id',
      redirect_uri: CALLBACK,
      state: 's1',
      scope: 'email profile',
    });
  });

  it('escapes what a person typed when it shows the form again', async () => {
    const reply = await standIn().signIn({ email: '"><script>alert(1)</script>', name: '<img src=x>' });
    expect(reply.status).toBe(400);
    expect(reply.html).not.toMatch(/<script>|<img/);
    expect(reply.html).toContain('&lt;img src=x&gt;');
  });

  it('refuses a redirect_uri off the tenant, and a form posted without its cookie', async () => {
    const idp = standIn();
    const elsewhere = idp.provider.authorizeUrl(GOOGLE, 'https://evil.example.com/cb', 's');
    expect((await idp.send('GET', elsewhere)).html).toContain('redirect_uri_mismatch');
    // Another path of the tenant (the test app, /continue) is not the callback the provider registered.
    for (const path of ['/test-app/callback', '/login/callback/../../continue', '/login/callbackx'])
      expect(
        (await idp.send('GET', idp.provider.authorizeUrl(GOOGLE, `https://${DOMAIN}${path}`, 's'))).html,
        path,
      ).toContain('redirect_uri_mismatch');
    const url = idp.provider.authorizeUrl(GOOGLE, CALLBACK, 's');
    const csrf = /name="csrf" value="([^"]+)"/.exec((await idp.send('GET', url)).html ?? '')?.[1];
    expect((await idp.send('POST', url, { csrf, email: 'a@example.com' })).status).toBe(403);
  });

  it('redeems a code once, within 60 s, for its connection and callback only', async () => {
    const idp = standIn();
    const profile = {
      kind: 'profile',
      id: profileIdFor('ann@example.com'),
      email: 'ann@example.com',
      emailVerified: true,
    };
    expect(
      await idp.provider.redeem(GOOGLE, idp.codeOf(await idp.signIn({ email: 'Ann@example.com' })), CALLBACK),
    ).toEqual(profile);

    const late = idp.codeOf(await idp.signIn({ email: 'ann@example.com' }));
    idp.advance(CODE_LIFETIME_MS);
    expect(await idp.provider.redeem(GOOGLE, late, CALLBACK)).toMatchObject({ kind: 'error' });

    const elsewhere = idp.codeOf(await idp.signIn({ email: 'ann@example.com' }));
    expect(await idp.provider.redeem(GOOGLE, elsewhere, `https://${DOMAIN}/other`)).toMatchObject({
      message: expect.stringContaining('another connection or callback'),
    });
    const github = { ...GOOGLE, name: 'github' };
    const other = idp.codeOf(await idp.signIn({ email: 'ann@example.com' }));
    expect(await idp.provider.redeem(github, other, CALLBACK)).toMatchObject({ kind: 'error' });
  });

  it('refuses a secret other than the registered one without naming either', async () => {
    const idp = standIn();
    const code = idp.codeOf(await idp.signIn({ email: 'ann@example.com' }));
    const wrong = { ...GOOGLE, options: { ...GOOGLE.options, client_secret: 'guessed' } };
    const answer = await idp.provider.redeem(wrong, code, CALLBACK);
    expect(answer).toMatchObject({ kind: 'error', message: expect.stringContaining('invalid_client') });
    expect(JSON.stringify(answer)).not.toMatch(/guessed|google-secret/);
  });

  it('gives the same 21-digit id for the same email in any case', () => {
    expect(profileIdFor('Ann@Example.com')).toBe(profileIdFor('ann@example.com'));
    expect(profileIdFor('ann@example.com')).toMatch(/^\d{21}$/);
    expect(profileIdFor('bob@example.com')).not.toBe(profileIdFor('ann@example.com'));
  });
});
