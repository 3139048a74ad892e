/**
 * The legacy user store's HTTP API, as the login and get_user scripts call it: settings from the
 * connection's configuration, one bounded request with global `fetch`, and the one error every failure
 * becomes. Node built-ins only (the build inlines this module into each script; Auth0's sandbox offers no
 * module system for our own files).
 *
 * Every failure here is "the store is unavailable" (a plain `Error`), never "wrong password": an outage or a
 * misconfiguration must not look like bad credentials. Messages name the request and what went wrong; never
 * the URL's query (it holds the email), the token, the password or a response body.
 */
import type { CustomDatabaseConfiguration } from '@auth0/actions/custom-database';

export const DEFAULT_TIMEOUT_MS = 5000;
/** Auth0 stops a custom-database script after about 20 s; give up well before, with our own message. */
export const MAX_TIMEOUT_MS = 15_000;
/** Longest possible email address (64 local + @ + 255 domain); anything longer is not a user of ours. */
export const MAX_EMAIL_LENGTH = 320;
/** A user record is a few kB; refuse to read megabytes from a misbehaving store. */
const MAX_BODY_BYTES = 1024 * 1024;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** RFC 6750 b64token, loosely: printable ASCII without spaces (also keeps CR/LF out of the header). */
const BEARER_TOKEN = /^[!-~]+$/;

export interface LegacyApiSettings {
  /** LEGACY_API_URL with a trailing slash, so request paths resolve below it. */
  baseUrl: URL;
  /** LEGACY_API_TOKEN, sent as `Authorization: Bearer <token>`. */
  token: string;
  /** LEGACY_API_TIMEOUT_MS (optional), for the whole request including the body. */
  timeoutMs: number;
}

export interface LegacyRequest {
  method: 'GET' | 'POST';
  /** Relative to LEGACY_API_URL, e.g. `authenticate`. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
}

export interface LegacyResponse {
  /** `POST /authenticate`, for messages. */
  request: string;
  status: number;
  /** The parsed JSON body; `undefined` when the body is empty or not JSON. */
  body: unknown;
}

/**
 * The legacy API's own refusals (README.md, "The legacy API contract"): a status with its JSON error code.
 * A 401 or 404 without that body comes from something else on the way (a proxy, a load balancer) or from
 * somewhere else (a wrong LEGACY_API_URL), and tells us nothing about the user.
 */
export interface Refusal {
  status: number;
  error: string;
}
export const WRONG_PASSWORD: Refusal = { status: 401, error: 'invalid' };
export const NO_SUCH_USER: Refusal = { status: 404, error: 'not_found' };

/**
 * Whether `response` is the legacy API's own `refusal`. Another status is `false`, for the caller to handle;
 * the refusal's status without its body throws "unavailable", since it is not the store's answer.
 */
export function isRefusal(response: LegacyResponse, refusal: Refusal): boolean {
  if (response.status !== refusal.status) return false;
  const { body } = response;
  if (typeof body === 'object' && body !== null && 'error' in body && body.error === refusal.error)
    return true;
  throw storeUnavailable(
    `${response.request} answered HTTP ${response.status} without the legacy API's JSON error ` +
      `"${refusal.error}" (a proxy's answer, or a wrong LEGACY_API_URL)`,
  );
}

/** The plain `Error` for every way the store can fail us. */
export function storeUnavailable(detail: string): Error {
  return new Error(`legacy user store unavailable: ${detail}`);
}

export function legacyApiSettings(configuration: CustomDatabaseConfiguration): LegacyApiSettings {
  const rawUrl = configuration.LEGACY_API_URL?.trim();
  if (!rawUrl) throw storeUnavailable('the connection setting LEGACY_API_URL is not set');
  let baseUrl: URL;
  try {
    baseUrl = new URL(rawUrl.endsWith('/') ? rawUrl : `${rawUrl}/`);
  } catch {
    throw storeUnavailable('the connection setting LEGACY_API_URL is not a valid URL');
  }
  if (
    baseUrl.protocol !== 'https:' &&
    !(baseUrl.protocol === 'http:' && LOOPBACK_HOSTS.has(baseUrl.hostname))
  ) {
    throw storeUnavailable(
      'LEGACY_API_URL must be an https:// URL (http:// is accepted only for 127.0.0.1, localhost and [::1])',
    );
  }
  if (baseUrl.username || baseUrl.password || baseUrl.search || baseUrl.hash) {
    throw storeUnavailable(
      'LEGACY_API_URL must not contain credentials, a query or a fragment (the token goes in LEGACY_API_TOKEN)',
    );
  }
  const token = configuration.LEGACY_API_TOKEN ?? '';
  if (!token) throw storeUnavailable('the connection setting LEGACY_API_TOKEN is not set');
  if (!BEARER_TOKEN.test(token)) {
    throw storeUnavailable('LEGACY_API_TOKEN is not a usable bearer token (printable characters, no spaces)');
  }
  return { baseUrl, token, timeoutMs: timeoutFrom(configuration.LEGACY_API_TIMEOUT_MS) };
}

/** LEGACY_API_TIMEOUT_MS: a whole number of milliseconds, at most MAX_TIMEOUT_MS; otherwise the default. */
export function timeoutFrom(value: string | undefined): number {
  const ms = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isSafeInteger(ms) || ms <= 0)
    return DEFAULT_TIMEOUT_MS;
  return Math.min(ms, MAX_TIMEOUT_MS);
}

/** One request to the store. Resolves with any HTTP status; rejects (store unavailable) on everything else. */
export async function callLegacyApi(
  configuration: CustomDatabaseConfiguration,
  request: LegacyRequest,
): Promise<LegacyResponse> {
  const settings = legacyApiSettings(configuration);
  const name = `${request.method} /${request.path}`;
  const url = new URL(request.path, settings.baseUrl);
  for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
  const headers: Record<string, string> = {
    Accept: 'application/json',
    Authorization: `Bearer ${settings.token}`,
  };
  if (request.body !== undefined) headers['Content-Type'] = 'application/json';

  let status: number;
  let text: string | undefined;
  try {
    const response = await fetch(url, {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      // Never follow a redirect: it would carry the credentials somewhere we did not configure. A 3xx is
      // returned as it is and treated like any other unexpected status.
      redirect: 'manual',
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
    status = response.status;
    text = await readBounded(response);
  } catch (error) {
    throw storeUnavailable(`${name} ${failureOf(error, settings.timeoutMs)}`);
  }
  if (text === undefined) throw storeUnavailable(`${name} answered with a body over ${MAX_BODY_BYTES} bytes`);
  return { request: name, status, body: parseJson(text) };
}

/** The body as text, or `undefined` when it is longer than MAX_BODY_BYTES (chunked bodies included). */
async function readBounded(response: Response): Promise<string | undefined> {
  if (Number(response.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) {
    await response.body?.cancel();
    return undefined;
  }
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > MAX_BODY_BYTES) return undefined; // leaving the loop cancels the stream
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * What went wrong, without the error's own message: fetch errors can quote request details (an invalid
 * header value is quoted whole), so only names and codes are used.
 */
function failureOf(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `timed out after ${timeoutMs} ms`;
  }
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  const code =
    typeof cause?.code === 'string' ? cause.code : error instanceof Error ? error.name : 'unknown error';
  return `failed (${code})`;
}
