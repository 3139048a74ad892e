/**
 * A request that failed because the tenant's certificate was not trusted. Node's fetch reports it as
 * "fetch failed" and the Management API SDK wraps that as "The request failed and the interceptors did not
 * return an alternative response"; the reason is an OpenSSL code on an error further down the `cause`
 * chain. This says it in words, with the fix: which CA file NODE_EXTRA_CA_CERTS must name.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

/** What each code means, in the words the message uses. */
const REASONS: Readonly<Record<string, string>> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its certificate is signed by a CA this machine does not trust',
  UNABLE_TO_GET_ISSUER_CERT: 'its certificate is signed by a CA this machine does not trust',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its certificate is signed by a CA this machine does not trust',
  SELF_SIGNED_CERT_IN_CHAIN: 'its certificate is signed by a CA this machine does not trust',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its certificate is self-signed',
  CERT_UNTRUSTED: 'its certificate is not trusted',
  CERT_SIGNATURE_FAILURE: 'its certificate signature does not verify',
  CERT_HAS_EXPIRED: "its certificate has expired (or this machine's clock is wrong)",
  CERT_NOT_YET_VALID: "its certificate is not valid yet (or this machine's clock is wrong)",
  ERR_TLS_CERT_ALTNAME_INVALID: 'its certificate is for another host name',
};

/** The first TLS verification code anywhere down the error's `cause` chain. */
export function tlsFailureCode(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  for (
    let at: unknown = error;
    at instanceof Object && !seen.has(at);
    at = (at as { cause?: unknown }).cause
  ) {
    seen.add(at);
    const code = (at as { code?: unknown }).code;
    if (typeof code === 'string' && code in REASONS) return code;
  }
  return undefined;
}

export interface TlsContext {
  /** The tenant's domain (`127.0.0.1:8443` for the local tenant). */
  domain: string;
  /** NODE_EXTRA_CA_CERTS as the engine has it. */
  extraCa: string | undefined;
  /** The local tenant's CA file, when the command started or found the local tenant (trusted alone). */
  localCa?: string | undefined;
  /** Where the default local tenant's CA would be. */
  cwd: string;
}

/** One line: that TLS verification failed, why, and how to fix it; undefined for any other error. */
export function describeTlsFailure(
  error: unknown,
  { domain, extraCa, localCa, cwd }: TlsContext,
): string | undefined {
  const code = tlsFailureCode(error);
  if (!code) return undefined;
  const head = `TLS verification failed for ${domain} (${code}: ${REASONS[code]})`;
  // NODE_EXTRA_CA_CERTS has no part in it then: the engine trusts that one file.
  if (localCa) {
    return `${head}: the local tenant's CA file ${localCa} does not hold the CA that signed it (another local tenant of the same state folder may have made a new one since it started): stop the local tenant and run the command again`;
  }
  const given = extraCa
    ? `NODE_EXTRA_CA_CERTS is ${extraCa}, which does not hold the CA that signed it; `
    : '';
  if (/^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(domain)) {
    const usual = path.resolve(cwd, '.local-tenant', 'ca.pem');
    const where = existsSync(usual)
      ? `, ${usual} for the default state`
      : ' (.local-tenant/ca.pem by default)';
    return `${head}: ${given}set NODE_EXTRA_CA_CERTS to the local tenant's CA file: ca.pem beside its state file${where}, as npm run local-tenant prints it; or unset AUTH0_DOMAIN, AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET to let the command start the local tenant itself`;
  }
  if (
    code === 'CERT_HAS_EXPIRED' ||
    code === 'CERT_NOT_YET_VALID' ||
    code === 'ERR_TLS_CERT_ALTNAME_INVALID'
  ) {
    return `${head}: check AUTH0_DOMAIN and this machine's clock; a proxy that intercepts TLS needs its CA file in NODE_EXTRA_CA_CERTS`;
  }
  return `${head}: ${given}if a proxy on this network intercepts TLS, set NODE_EXTRA_CA_CERTS to its CA certificate (a PEM file); otherwise check AUTH0_DOMAIN`;
}
