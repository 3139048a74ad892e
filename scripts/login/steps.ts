/**
 * The pages and redirects a headless login passed, as it reports them: method, path and status, with
 * only the query parameters that carry no secret shown by value. A code, a state, a nonce, a PKCE
 * challenge or a token in a URL shows as its name alone; bodies (passwords, codes) are never recorded.
 */

export interface LoginStepRecord {
  method: string;
  /** The path with its query, secret-bearing values cut out (`/callback?code=…&state=…`). */
  path: string;
  status: number;
  /** Where a redirect sent the client, cut the same way. */
  location?: string;
}

/** Query parameters whose values say how the login was asked for, and nothing a thief could use. */
const SHOWN_PARAMETERS = new Set([
  'client_id',
  'redirect_uri',
  'response_type',
  'response_mode',
  'scope',
  'audience',
  'connection',
  'organization',
  'prompt',
  'screen_hint',
  'code_challenge_method',
  'error',
  'error_description',
]);

/** A URL as a step shows it: its path (and origin when it is not `base`'s), secret values cut out. */
export function redactedPath(url: string, base?: string): string {
  const parsed = new URL(url, base);
  const origin = base !== undefined && new URL(base).origin === parsed.origin ? '' : parsed.origin;
  const query = [...parsed.searchParams]
    .map(([name, value]) =>
      SHOWN_PARAMETERS.has(name) ? `${name}=${encodeURIComponent(value)}` : `${name}=…`,
    )
    .join('&');
  return `${origin}${parsed.pathname}${query === '' ? '' : `?${query}`}`;
}

export function stepOf(
  method: string,
  url: string,
  status: number,
  location: string | null,
  base: string,
): LoginStepRecord {
  return {
    method,
    path: redactedPath(url, base),
    status,
    ...(location ? { location: redactedPath(new URL(location, url).href, base) } : {}),
  };
}
