/**
 * The `CLAIMS_NAMESPACE` secret: an https URL prefix for our custom claims. Auth0 leaves out claims
 * namespaced on its own domains (auth0.com, webtask.io, webtask.run and their subdomains), so those are
 * refused here rather than silently dropped from the token.
 *
 * Normalisation: a namespace without a trailing '/' gets one, so `https://example.com/claims` (the value in
 * tenant/environments/*.yaml) yields claims named `https://example.com/claims/roles`, not
 * `https://example.com/claimsroles`. Surrounding whitespace is trimmed and the host lower-cased.
 */

import { secretUrl } from '../lib/secret-url';

const RESERVED_DOMAINS = ['auth0.com', 'webtask.io', 'webtask.run'] as const;

/** The usable namespace (ending in '/'), or why there is none; `problem` never contains the value. */
export type NamespaceResult = { namespace: string } | { problem: string };

export function claimsNamespace(raw: string | undefined): NamespaceResult {
  const parsed = secretUrl('CLAIMS_NAMESPACE', raw);
  if ('problem' in parsed) return parsed;
  const { url } = parsed;
  if (url.protocol !== 'https:') return { problem: 'CLAIMS_NAMESPACE must be an https:// URL' };
  if (/[?#]/.test(raw ?? '')) return { problem: 'CLAIMS_NAMESPACE must not carry a query or a fragment' };
  const host = url.hostname;
  if (RESERVED_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`))) {
    return { problem: `CLAIMS_NAMESPACE is on a domain Auth0 reserves (${RESERVED_DOMAINS.join(', ')})` };
  }
  return { namespace: url.href.endsWith('/') ? url.href : `${url.href}/` };
}
