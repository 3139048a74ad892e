import { createHash, webcrypto } from 'node:crypto';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { PublicRequest } from '../http/public-routes';
import type { TenantStore } from '../state/store';
import type { JsonObject } from '../state/types';
import { BROWSER_SCRIPT, PKCE_SCRIPT } from './browser-script';
import { TEST_APP_CSP, testAppCallbackUrl, testAppPage, testAppRoutes, testAppUrl } from './routes';

const DOMAIN = '127.0.0.1:8443';
const API = {
  identifier: 'https://documents.example.com/api',
  scopes: [{ value: 'read:documents' }, { value: 'write:documents' }],
};

function requestWith(clients: JsonObject[], query = ''): PublicRequest {
  const state = {
    clients,
    resourceServers: [{ identifier: `https://${DOMAIN}/api/v2/`, is_system: true }, API],
  };
  return {
    method: 'GET',
    url: new URL(`https://${DOMAIN}/test-app/${query}`),
    headers: {},
    body: undefined,
    remoteAddress: '127.0.0.1',
    store: { state } as unknown as TenantStore,
    domain: DOMAIN,
  };
}

const spa = { name: 'Documents SPA', client_id: 'SpaClientId0123456789abcdefABCDEF' };

/** The JSON settings the page hands its script. */
function configOf(html: string): JsonObject {
  const json = /<script type="application\/json" id="config">(.*?)<\/script>/s.exec(html)?.[1];
  return JSON.parse(json ?? 'null') as JsonObject;
}

describe('the test app page', () => {
  it('is served with a CSP allowing its own script and style by hash, and nothing from elsewhere', () => {
    const reply = testAppPage(requestWith([spa]));
    expect(reply.status).toBe(200);
    expect(reply.headers?.['content-security-policy']).toBe(TEST_APP_CSP);
    expect(TEST_APP_CSP).toMatch(
      /default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+'; style-src 'sha256-/,
    );
    expect(TEST_APP_CSP).not.toMatch(/unsafe-inline|https?:/);
    const html = String(reply.html);
    // No address of another origin: everything it calls is relative (/authorize, /oauth/token, /v2/logout).
    const urls = html.match(/https?:\/\/[^\s"'<)]+/g) ?? [];
    expect(urls.every((url) => url.startsWith(`https://${DOMAIN}/`) || url === API.identifier)).toBe(true);
    expect(html).not.toMatch(/innerHTML|<script src|<link/);
  });

  it("signs in as the SPA, for the first API with that API's scopes, back to /test-app/callback", () => {
    expect(configOf(String(testAppPage(requestWith([spa])).html))).toEqual({
      clientId: spa.client_id,
      audience: API.identifier,
      scope: 'openid profile email offline_access read:documents write:documents',
      appUrl: 'https://127.0.0.1:8443/test-app/',
      callbackUrl: 'https://127.0.0.1:8443/test-app/callback',
    });
    expect(testAppUrl(DOMAIN)).toBe('https://127.0.0.1:8443/test-app/');
    expect(testAppCallbackUrl(DOMAIN)).toBe('https://127.0.0.1:8443/test-app/callback');
  });

  it('escapes a client name and an id that carry markup, in the text and in the embedded settings', () => {
    const hostileName = '<script>alert("name")</script>';
    const hostile = { name: hostileName, client_id: '</script><script>alert("id")</script>' };
    const html = String(testAppPage(requestWith([hostile]), hostileName).html);
    expect(html).not.toContain('<script>alert(');
    expect(html).toContain('&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;');
    expect(configOf(html).clientId).toBe(hostile.client_id);
  });

  it('runs exactly the script its CSP allows, and that script parses', () => {
    const html = String(testAppPage(requestWith([spa])).html);
    const scripts = [...html.matchAll(/<script>(.*?)<\/script>/gs)].map((match) => match[1] ?? '');
    expect(scripts).toEqual([BROWSER_SCRIPT]);
    const hash = createHash('sha256').update(BROWSER_SCRIPT).digest('base64');
    expect(TEST_APP_CSP).toContain(`script-src 'sha256-${hash}'`);
    expect(() => new vm.Script(BROWSER_SCRIPT)).not.toThrow();
  });

  it('says which client it needs when the tenant has none of that name', () => {
    const html = String(testAppPage(requestWith([{ name: 'Documents Web', client_id: 'web' }])).html);
    expect(html).toContain('signs in as the public client "Documents SPA"');
    expect(html).not.toContain('id="config"');
  });

  it('is one stand-in route answering the page and its callback', () => {
    expect(testAppRoutes()).toMatchObject([
      { method: 'GET', path: '/test-app/', prefix: true, standIn: true },
    ]);
  });
});

describe("the page's PKCE helpers, run with WebCrypto", () => {
  const context = vm.createContext({ crypto: webcrypto, TextEncoder, btoa });
  vm.runInContext(PKCE_SCRIPT, context);
  const call = (code: string) => vm.runInContext(code, context) as unknown;

  it("compute RFC 7636's S256 challenge of its example verifier", async () => {
    await expect(call("s256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')")).resolves.toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('draw verifiers of 43 base64url characters, a new one each time', () => {
    const first = call('randomUrlSafe(32)');
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(call('randomUrlSafe(32)')).not.toBe(first);
  });
});
