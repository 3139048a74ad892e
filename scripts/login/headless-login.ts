/**
 * A login through the local tenant's real pages, as a browser does it: openid-client builds the
 * authorization request (PKCE S256, state, nonce) and redeems the code (checking state, nonce and the ID
 * token); in between, redirects are followed by hand and the pages' forms posted with their hidden
 * fields and CSRF token, MFA included (a TOTP code computed from the secret the enrollment page shows,
 * or the one the caller gives). The answer is plain data: tokens, a denial, or the page that refused.
 */
import type { JWTPayload } from 'jose';
import * as oidc from 'openid-client';
import { base32Decode, TOTP_STEP_SECONDS, totp } from '../local-tenant/authentication/totp';
import { formPostingTo, type LoginPage, type PageForm, readLoginPage } from './login-page';
import { type LoginStepRecord, stepOf } from './steps';
import type { FetchOptions, LoginFetch } from './trusting-fetch';
import { verifyTokens } from './verify-tokens';

export interface HeadlessLoginOptions {
  /** The tenant's issuer, `https://127.0.0.1:8443/`. */
  issuer: URL;
  /** A fetch that trusts the tenant's CA (trusting-fetch.ts). */
  fetch: LoginFetch;
  clientId: string;
  /** A confidential client's secret, sent as `client_secret_post`. */
  clientSecret?: string;
  redirectUri: string;
  email: string;
  /** Not asked for by a social connection's stand-in provider. */
  password: string;
  /** The name a social connection's stand-in provider is told (default the email's local part). */
  name?: string;
  connection?: string;
  audience?: string;
  /** Default `openid profile email offline_access`. */
  scope?: string;
  organization?: string;
  prompt?: string;
  /** `signup`: sign up with the email and password instead of logging in. */
  screenHint?: 'signup';
  /** The client's address, sent as `X-Forwarded-For` (the tenant honours it from loopback). */
  ip?: string;
  /** Base32 secret of an authenticator the user already enrolled, for an MFA challenge. */
  totpSecret?: string;
  /** Seconds since the epoch, for the TOTP codes (tests); default the clock. */
  now?: () => number;
}

export type HeadlessLoginResult =
  | {
      kind: 'tokens';
      tokens: {
        access_token: string;
        id_token?: string;
        token_type: string;
        expires_in?: number;
        scope?: string;
      };
      idTokenClaims: JWTPayload;
      accessTokenClaims?: JWTPayload;
      refreshToken?: string;
      /** The secret of the authenticator this login enrolled. */
      totpSecret?: string;
      /** The tenant's id of this login (its transaction), as `/__local/logins` names it. */
      loginId?: string;
      steps: LoginStepRecord[];
    }
  | { kind: 'denied'; error: string; description: string; loginId?: string; steps: LoginStepRecord[] }
  | { kind: 'refused'; status: number; message: string; loginId?: string; steps: LoginStepRecord[] };

export const DEFAULT_SCOPE = 'openid profile email offline_access';
/** More pages than any login of ours passes through: a loop between pages ends as a refusal. */
const MAX_PAGES = 20;

/** What reaching the tenant as a client takes: for a login and for a refresh alike. */
type ClientOptions = Pick<
  HeadlessLoginOptions,
  'issuer' | 'fetch' | 'clientId' | 'clientSecret' | 'audience' | 'ip'
>;

/** The driver's fetch: `X-Forwarded-For` on every request, each request recorded as a step. */
function recordingFetch(options: ClientOptions, steps: LoginStepRecord[]): LoginFetch {
  return async (url: string, init: FetchOptions = {}) => {
    const headers = new Headers(init.headers);
    if (options.ip !== undefined) headers.set('x-forwarded-for', options.ip);
    const response = await options.fetch(url, { ...init, headers });
    const method = init.method ?? 'GET';
    steps.push(stepOf(method, url, response.status, response.headers.get('location'), options.issuer.href));
    return response;
  };
}

export async function discover(options: ClientOptions, fetch: LoginFetch): Promise<oidc.Configuration> {
  const auth = options.clientSecret !== undefined ? oidc.ClientSecretPost(options.clientSecret) : oidc.None();
  return oidc.discovery(options.issuer, options.clientId, options.clientSecret, auth, {
    [oidc.customFetch]: fetch,
  });
}

const isCallback = (location: URL, redirectUri: string): boolean => {
  const expected = new URL(redirectUri);
  return location.origin === expected.origin && location.pathname === expected.pathname;
};

export async function headlessLogin(options: HeadlessLoginOptions): Promise<HeadlessLoginResult> {
  const steps: LoginStepRecord[] = [];
  const fetch = recordingFetch(options, steps);
  const config = await discover(options, fetch);
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const parameters: Record<string, string> = {
    redirect_uri: options.redirectUri,
    scope: options.scope ?? DEFAULT_SCOPE,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  };
  for (const [name, value] of [
    ['audience', options.audience],
    ['connection', options.connection],
    ['organization', options.organization],
    ['prompt', options.prompt],
    ['screen_hint', options.screenHint],
  ] as const) {
    if (value !== undefined) parameters[name] = value;
  }
  const cookies = new Map<string, string>();
  let loginId: string | undefined;
  let enrolledSecret: string | undefined;
  const posted = new Map<string, number>();
  let url = oidc.buildAuthorizationUrl(config, parameters);
  let init: FetchOptions = {};
  const refused = (status: number, message: string): HeadlessLoginResult => ({
    kind: 'refused',
    status,
    message,
    steps,
    ...(loginId !== undefined ? { loginId } : {}),
  });

  for (let page = 0; page < MAX_PAGES; page++) {
    const headers = new Headers(init.headers);
    if (cookies.size > 0)
      headers.set('cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(url.href, { ...init, headers });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      if (at > 0) cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location !== null) {
      const next = new URL(location, url);
      if (isCallback(next, options.redirectUri)) {
        const error = next.searchParams.get('error');
        if (error !== null) {
          return {
            kind: 'denied',
            error,
            description: next.searchParams.get('error_description') ?? '',
            steps,
            ...(loginId !== undefined ? { loginId } : {}),
          };
        }
        return redeem(options, config, fetch, next, { verifier, state, nonce }, steps, {
          ...(loginId !== undefined ? { loginId } : {}),
          ...(enrolledSecret !== undefined ? { totpSecret: enrolledSecret } : {}),
        });
      }
      if (next.origin !== options.issuer.origin)
        return refused(response.status, `the login went to ${next.origin}, outside the local tenant`);
      url = next;
      init = {};
      continue;
    }
    const type = response.headers.get('content-type') ?? '';
    const body = await response.text();
    if (!type.includes('text/html'))
      return refused(response.status, `${url.pathname} answered ${response.status}: ${body.slice(0, 200)}`);
    const shown = readLoginPage(body);
    const form = nextForm(shown, options.screenHint);
    if (!form) return refused(response.status, shown.error ?? `${shown.title} (${response.status})`);
    loginId = form.hidden.state ?? loginId;
    const action = new URL(form.action, url);
    const tries = posted.get(action.pathname) ?? 0;
    // The same form back after we posted it: it refuses what we sent (a wrong password, a sign-up the
    // policy refuses). One more try only for a one-time code: it may be the one used a moment ago.
    const isCodeForm = action.pathname === '/u/mfa-otp';
    if (tries > (isCodeForm ? 1 : 0))
      return refused(response.status, shown.error ?? `${shown.title} came back`);
    posted.set(action.pathname, tries + 1);
    const fields: Record<string, string> = { ...form.hidden };
    if (isCodeForm) {
      enrolledSecret = shown.totpSecret ?? enrolledSecret;
      const secret = shown.totpSecret ?? options.totpSecret ?? enrolledSecret;
      if (secret === undefined)
        return refused(
          response.status,
          "the login asks for a one-time code: give the TOTP secret of the user's authenticator",
        );
      const now = options.now?.() ?? Date.now() / 1000;
      // The tenant takes the next step's code too: the retry uses it when this step's was already used.
      fields.code = totp(base32Decode(secret), now + tries * TOTP_STEP_SECONDS);
    } else if (isIdentityProviderForm(action)) {
      // The social connection's stand-in provider asks who signs in: the email, and a name.
      fields.email = options.email;
      fields.name = options.name ?? options.email.split('@')[0] ?? options.email;
    } else {
      fields.email = options.email;
      fields.password = options.password;
      if (options.connection !== undefined && form.inputs.includes('connection'))
        fields.connection = options.connection;
    }
    url = action;
    init = {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    };
  }
  return refused(0, `the login passed ${MAX_PAGES} pages without reaching the callback`);
}

/** The social stand-in's sign-in form (scripts/local-tenant/stand-ins/social-idp/): a provider's page. */
const IDENTITY_PROVIDER_PATH = '/stand-in/idp/';
const isIdentityProviderForm = (action: URL) => action.pathname.startsWith(IDENTITY_PROVIDER_PATH);

/**
 * The form of a page the login fills in next: the credentials (login or sign-up), the one-time code, or
 * the stand-in provider's sign-in of a social connection.
 */
function nextForm(page: LoginPage, screenHint: string | undefined): PageForm | undefined {
  return (
    page.forms.find(
      (form) => form.method === 'POST' && isIdentityProviderForm(new URL(form.action, 'https://x')),
    ) ??
    formPostingTo(page, '/u/mfa-otp') ??
    formPostingTo(page, screenHint === 'signup' ? '/u/signup' : '/u/login') ??
    formPostingTo(page, '/u/signup')
  );
}

async function redeem(
  options: HeadlessLoginOptions,
  config: oidc.Configuration,
  fetch: LoginFetch,
  callback: URL,
  checks: { verifier: string; state: string; nonce: string },
  steps: LoginStepRecord[],
  extra: { loginId?: string; totpSecret?: string },
): Promise<HeadlessLoginResult> {
  const grant = await oidc.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: checks.verifier,
    expectedState: checks.state,
    expectedNonce: checks.nonce,
    idTokenExpected: true,
  });
  return tokensResult(options, fetch, grant, steps, extra);
}

async function tokensResult(
  options: ClientOptions,
  fetch: LoginFetch,
  grant: oidc.TokenEndpointResponse,
  steps: LoginStepRecord[],
  extra: { loginId?: string; totpSecret?: string },
): Promise<HeadlessLoginResult> {
  const verified = await verifyTokens(options.issuer, fetch, grant, {
    clientId: options.clientId,
    ...(options.audience !== undefined ? { audience: options.audience } : {}),
  });
  const tokens = {
    access_token: grant.access_token,
    token_type: grant.token_type,
    ...(grant.id_token !== undefined ? { id_token: grant.id_token } : {}),
    ...(grant.expires_in !== undefined ? { expires_in: grant.expires_in } : {}),
    ...(grant.scope !== undefined ? { scope: grant.scope } : {}),
  };
  return {
    kind: 'tokens',
    tokens,
    ...verified,
    ...(grant.refresh_token !== undefined ? { refreshToken: grant.refresh_token } : {}),
    ...extra,
    steps,
  };
}

/** A refresh token redeemed (openid-client's refreshTokenGrant), the new tokens verified as a login's are. */
export async function refreshLogin(
  options: ClientOptions,
  refreshToken: string,
): Promise<HeadlessLoginResult> {
  const steps: LoginStepRecord[] = [];
  const fetch = recordingFetch(options, steps);
  const config = await discover(options, fetch);
  const grant = await oidc.refreshTokenGrant(config, refreshToken);
  return tokensResult(options, fetch, grant, steps, {});
}
