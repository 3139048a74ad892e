/**
 * The built-in test app (issue 14): a single page served by the local tenant at `/test-app/`, for a person
 * to sign in through the deployed tenant in a browser and see the tokens. It signs in with the
 * authorization code flow and PKCE as the public client `Documents SPA` (what our SPA does), to the API the
 * query names (`?audience=`) or the tenant's first, asking for `openid profile email offline_access` and the
 * API's scopes. The callback is this page again, at `/test-app/callback`: that URL must be one of the
 * client's callbacks (tenant/environments/local.yaml).
 *
 * Not Auth0's (a stand-in for an app of ours): `standIn: true`. No external request, nothing inline but
 * its one script and style, allowed by hash in a CSP that allows nothing else.
 */

import { createHash } from 'node:crypto';
import { escapeHtml } from '../http/html';
import type { PublicReply, PublicRequest, PublicRoute } from '../http/public-routes';
import type { JsonObject } from '../state/types';
import { BROWSER_SCRIPT } from './browser-script';

export const TEST_APP_CLIENT_NAME = 'Documents SPA';
export const TEST_APP_PATH = '/test-app/';

/** Where a person opens the test app, for `npm run local-tenant` to print. */
export const testAppUrl = (domain: string): string => `https://${domain}${TEST_APP_PATH}`;
/** The redirect URI it signs in with: the SPA's callbacks must list it. */
export const testAppCallbackUrl = (domain: string): string => `${testAppUrl(domain)}callback`;

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
pre{background:#f4f4f4;padding:1rem;overflow:auto}.error{color:#b00020}button{margin-right:.5rem}`;

const hashOf = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/**
 * Nothing but the page's own script and style (by hash), and requests to this origin only: a value that
 * slipped through escaping still could not run or send anything anywhere.
 */
export const TEST_APP_CSP = [
  "default-src 'none'",
  `script-src ${hashOf(BROWSER_SCRIPT)}`,
  `style-src ${hashOf(STYLE)}`,
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** JSON that is safe inside `<script>`: no `<`, `>`, `&` or line separators for the HTML parser to see. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function page(title: string, body: string, config?: JsonObject): string {
  const settings = config
    ? `<script type="application/json" id="config">${scriptJson(config)}</script><script>${BROWSER_SCRIPT}</script>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>${body}${settings}</body></html>`;
}

/** The API the app asks a token for: the one named in the query, or the tenant's first own API. */
function audienceOf(request: PublicRequest): JsonObject | undefined {
  const apis = request.store.state.resourceServers.filter((server) => server.is_system !== true);
  const asked = request.url.searchParams.get('audience');
  return asked ? apis.find((server) => server.identifier === asked) : apis[0];
}

/** The page, signing in as the client named `clientName` (our SPA unless a caller names another). */
export function testAppPage(request: PublicRequest, clientName = TEST_APP_CLIENT_NAME): PublicReply {
  const headers = { 'content-security-policy': TEST_APP_CSP, 'x-content-type-options': 'nosniff' };
  const client = request.store.state.clients.find((candidate) => candidate.name === clientName);
  if (!client) {
    return {
      status: 200,
      headers,
      html: page(
        'Test app',
        `<h1>Test app</h1><p class="error">This app signs in as the public client "${escapeHtml(clientName)}",
which this tenant does not have. Deploy the tenant first (<code>npm run deploy -- --env local</code>).</p>`,
      ),
    };
  }
  const api = audienceOf(request);
  const apiScopes = ((api?.scopes ?? []) as JsonObject[]).map((scope) => String(scope.value));
  const config = {
    clientId: String(client.client_id),
    audience: api ? String(api.identifier) : undefined,
    scope: ['openid', 'profile', 'email', 'offline_access', ...apiScopes].join(' '),
    appUrl: testAppUrl(request.domain),
    callbackUrl: testAppCallbackUrl(request.domain),
  };
  const name = escapeHtml(String(client.name));
  const body = `<h1>Test app</h1>
<p>Signs in as <strong>${name}</strong> (<code>${escapeHtml(config.clientId)}</code>) with the authorization code
flow and PKCE${api ? `, for the API <code>${escapeHtml(String(api.identifier))}</code>` : ''}.
The tokens below are decoded in this page, not verified.</p>
<p><button id="sign-in" type="button">Sign in</button><button id="log-out" type="button">Log out</button></p>
<div id="out"></div>`;
  return { status: 200, headers, html: page(`Test app: ${String(client.name)}`, body, config) };
}

/** The test app's routes: the page, and the same page as the callback (`/test-app/callback?code=...`). */
export function testAppRoutes(options: { clientName?: string } = {}): PublicRoute[] {
  const handle = (request: PublicRequest) => testAppPage(request, options.clientName);
  return [{ method: 'GET', path: TEST_APP_PATH, prefix: true, standIn: true, handle }];
}
