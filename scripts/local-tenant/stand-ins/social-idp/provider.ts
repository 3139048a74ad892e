/**
 * A social connection's identity provider (Google, GitHub, ...), played on the local tenant's own server
 * so that a login "with Google" works offline and through what was deployed: the authorize page accepts
 * only the connection's deployed `options.client_id` (else the provider's `invalid_client` page), and a
 * code is redeemed only with that client id and the secret the provider has registered for it.
 *
 *   GET  /stand-in/idp/<connection>/authorize?client_id&redirect_uri&state&scope  the sign-in form
 *   POST /stand-in/idp/<connection>/authorize  (csrf, email, name)  302 to redirect_uri?code&state
 *
 * A code is good once, for 60 s, for the connection and the callback it was issued to. The form's CSRF
 * token is also set as a cookie (double submit): a page cannot post another browser's sign-in.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sameText } from '../../auth';
import type { SocialIdentityProvider } from '../../authentication/contract';
import { SOCIAL_CALLBACK_PATH } from '../../authentication/social-login';
import { type PublicReply, type PublicRequest, type PublicRoute, redirectTo } from '../../http/public-routes';
import { isJsonObject } from '../../http/validate';
import type { JsonObject } from '../../state/types';
import { providerErrorPage, providerLabel, signInPage } from './page';

export const SOCIAL_IDP_PATH = '/stand-in/idp/';
export const CODE_LIFETIME_MS = 60_000;
/** How long the sign-in form stays good. */
const FORM_LIFETIME_MS = 10 * 60_000;
const CSRF_COOKIE = 'stand_in_idp_csrf';
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;
const MAX_EMAIL_LENGTH = 320;
const MAX_NAME_LENGTH = 200;

export interface SocialStandInOptions {
  /** `127.0.0.1:<port>`: the provider's pages are on the tenant's own server. */
  domain: string;
  /**
   * The OAuth apps registered at the provider: client id -> client secret. A client id not listed here
   * is accepted with any secret that is set (non-empty, and no unreplaced `##KEYWORD##`).
   */
  registeredApps?: Readonly<Record<string, string>>;
  now?: () => number;
}

interface PendingForm {
  connection: string;
  clientId: string;
  redirectUri: string;
  state?: string;
  expiresAt: number;
}

interface IssuedCode {
  connection: string;
  clientId: string;
  callbackUrl: string;
  email: string;
  name?: string;
  expiresAt: number;
}

export interface SocialStandIn {
  provider: SocialIdentityProvider;
  routes: PublicRoute[];
}

const optionsOf = (connection: JsonObject): JsonObject =>
  isJsonObject(connection.options) ? connection.options : {};
const stringOf = (value: unknown): string => (typeof value === 'string' ? value : '');
const newToken = () => randomBytes(32).toString('base64url');

/** Google's ids are 21 digits; this one is the same for the same email, whatever its case. */
export function profileIdFor(email: string): string {
  const digest = createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
  return BigInt(`0x${digest.slice(0, 20)}`)
    .toString()
    .padStart(21, '1')
    .slice(-21);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

function deleteExpired<T extends { expiresAt: number }>(entries: Map<string, T>, now: number): void {
  for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
}

/** The social stand-in: the `SocialIdentityProvider` the login flow calls, and the pages it sends people to. */
export function socialIdentityProviderStandIn(options: SocialStandInOptions): SocialStandIn {
  const now = options.now ?? Date.now;
  const forms = new Map<string, PendingForm>();
  const codes = new Map<string, IssuedCode>();
  const origin = `https://${options.domain}`;
  const authorizePath = (name: string) => `${SOCIAL_IDP_PATH}${encodeURIComponent(name)}/authorize`;

  function secretIsRight(clientId: string, secret: string): boolean {
    const registered = options.registeredApps?.[clientId];
    if (registered !== undefined) return sameText(secret, registered);
    return secret !== '' && !secret.includes('##');
  }

  const provider: SocialIdentityProvider = {
    authorizeUrl(connection, callbackUrl, state) {
      const scope = optionsOf(connection).scope;
      const query = new URLSearchParams({
        response_type: 'code',
        client_id: stringOf(optionsOf(connection).client_id),
        redirect_uri: callbackUrl,
        state,
        scope: Array.isArray(scope) ? scope.join(' ') : stringOf(scope),
      });
      return `${origin}${authorizePath(stringOf(connection.name))}?${query}`;
    },
    async redeem(connection, code, callbackUrl) {
      const issued = codes.get(code);
      codes.delete(code);
      const { client_id: clientId, client_secret: clientSecret } = optionsOf(connection);
      if (!issued || issued.expiresAt <= now())
        return { kind: 'error', message: 'invalid_grant: the code is unknown, used or expired' };
      if (issued.connection !== connection.name || issued.callbackUrl !== callbackUrl)
        return {
          kind: 'error',
          message: 'invalid_grant: the code was issued to another connection or callback',
        };
      if (issued.clientId !== clientId || !secretIsRight(issued.clientId, stringOf(clientSecret)))
        return {
          kind: 'error',
          message: `invalid_client: the connection's client id or client secret is not the one registered at ${providerLabel(connection.strategy)}`,
        };
      return {
        kind: 'profile',
        id: profileIdFor(issued.email),
        email: issued.email.toLowerCase(),
        emailVerified: true,
        ...(issued.name ? { name: issued.name } : {}),
      };
    },
  };

  function connectionOf(request: PublicRequest): JsonObject | undefined {
    const match = /^\/stand-in\/idp\/([^/]+)\/authorize$/.exec(request.url.pathname);
    if (!match?.[1]) return undefined;
    let name: string;
    try {
      name = decodeURIComponent(match[1]);
    } catch {
      return undefined; // a malformed %-escape names no connection
    }
    return request.store.state.connections.find((connection) => connection.name === name);
  }

  function showForm(request: PublicRequest): PublicReply {
    const connection = connectionOf(request);
    if (!connection) return { status: 404, text: 'No such connection at the stand-in identity provider' };
    const label = providerLabel(connection.strategy);
    const query = request.url.searchParams;
    const clientId = query.get('client_id') ?? '';
    const deployed = stringOf(optionsOf(connection).client_id);
    if (deployed === '' || clientId !== deployed)
      return providerErrorPage(401, label, 'invalid_client', 'The OAuth client was not found.');
    const redirectUri = query.get('redirect_uri') ?? '';
    // Exactly the tenant's callback, as a provider matches its registered redirect URIs: any other path of
    // the tenant (the test app, a page that redirects on) would receive the code.
    const registered = `${origin}${SOCIAL_CALLBACK_PATH}`;
    if (redirectUri !== registered)
      return providerErrorPage(
        400,
        label,
        'redirect_uri_mismatch',
        `The redirect URI is not the one registered for this client (${registered}).`,
      );
    deleteExpired(forms, now());
    const csrf = newToken();
    const state = query.get('state');
    forms.set(csrf, {
      connection: stringOf(connection.name),
      clientId,
      redirectUri,
      ...(state === null ? {} : { state }),
      expiresAt: now() + FORM_LIFETIME_MS,
    });
    return signInPage({
      provider: label,
      connection: stringOf(connection.name),
      action: authorizePath(stringOf(connection.name)),
      csrf,
      cookie: `${CSRF_COOKIE}=${csrf}; Path=${SOCIAL_IDP_PATH}; HttpOnly; Secure; SameSite=Lax`,
    });
  }

  function signIn(request: PublicRequest): PublicReply {
    const connection = connectionOf(request);
    if (!connection) return { status: 404, text: 'No such connection at the stand-in identity provider' };
    const form = isJsonObject(request.body) ? request.body : {};
    const csrf = stringOf(form.csrf);
    const pending = forms.get(csrf);
    const cookie = cookieValue(request.headers.cookie, CSRF_COOKIE) ?? '';
    if (
      !pending ||
      pending.expiresAt <= now() ||
      pending.connection !== connection.name ||
      !sameText(cookie, csrf)
    )
      return providerErrorPage(
        403,
        providerLabel(connection.strategy),
        'invalid_request',
        'The sign-in form expired or was not ours; start again from the application.',
      );
    const email = stringOf(form.email).trim();
    const name = stringOf(form.name).trim();
    const problem =
      !EMAIL.test(email) || email.length > MAX_EMAIL_LENGTH
        ? 'Enter an email address.'
        : name.length > MAX_NAME_LENGTH
          ? `The name is longer than ${MAX_NAME_LENGTH} characters.`
          : undefined;
    if (problem)
      return signInPage({
        provider: providerLabel(connection.strategy),
        connection: pending.connection,
        action: authorizePath(pending.connection),
        csrf,
        email,
        name,
        problem,
      });
    forms.delete(csrf);
    deleteExpired(codes, now());
    const code = newToken();
    codes.set(code, {
      connection: pending.connection,
      clientId: pending.clientId,
      callbackUrl: pending.redirectUri,
      email,
      ...(name ? { name } : {}),
      expiresAt: now() + CODE_LIFETIME_MS,
    });
    const back = new URL(pending.redirectUri);
    back.searchParams.set('code', code);
    if (pending.state !== undefined) back.searchParams.set('state', pending.state);
    return redirectTo(back.href);
  }

  const routes: PublicRoute[] = [
    { method: 'GET', path: SOCIAL_IDP_PATH, prefix: true, standIn: true, handle: showForm },
    { method: 'POST', path: SOCIAL_IDP_PATH, prefix: true, standIn: true, handle: signIn },
  ];
  return { provider, routes };
}
