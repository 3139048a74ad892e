import { afterEach, describe, expect, it } from 'vitest';
import { guardFetch } from '../../scripts/engine/resilient-fetch';
import { describeTlsFailure, tlsFailureCode } from '../../scripts/engine/tls-error';

/** What the Management API SDK throws when Node's fetch meets an untrusted certificate. */
function sdkError(code: string): Error {
  const tls = Object.assign(new Error('self-signed certificate in certificate chain'), { code });
  const fetchFailed = new TypeError('fetch failed', { cause: tls });
  return new Error('The request failed and the interceptors did not return an alternative response', {
    cause: fetchFailed,
  });
}

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

describe('a TLS verification failure', () => {
  it('is found by its code down the cause chain, and nothing else is', () => {
    expect(tlsFailureCode(sdkError('SELF_SIGNED_CERT_IN_CHAIN'))).toBe('SELF_SIGNED_CERT_IN_CHAIN');
    expect(tlsFailureCode(sdkError('ECONNRESET'))).toBeUndefined();
    expect(tlsFailureCode('fetch failed')).toBeUndefined();
  });

  it('names a real tenant, the reason, and NODE_EXTRA_CA_CERTS for a proxy that intercepts TLS', () => {
    const context = { domain: 'example.eu.auth0.com', extraCa: undefined, cwd: '/nowhere' };

    expect(describeTlsFailure(sdkError('UNABLE_TO_GET_ISSUER_CERT_LOCALLY'), context)).toBe(
      'TLS verification failed for example.eu.auth0.com (UNABLE_TO_GET_ISSUER_CERT_LOCALLY: its certificate is signed by a CA this machine does not trust): if a proxy on this network intercepts TLS, set NODE_EXTRA_CA_CERTS to its CA certificate (a PEM file); otherwise check AUTH0_DOMAIN',
    );
    expect(describeTlsFailure(sdkError('CERT_HAS_EXPIRED'), context)).toMatch(
      /\(CERT_HAS_EXPIRED: its certificate has expired .*\): check AUTH0_DOMAIN and this machine's clock/,
    );
    expect(describeTlsFailure(sdkError('ECONNREFUSED'), context)).toBeUndefined();
  });

  it('points the local tenant at its CA file, and says when NODE_EXTRA_CA_CERTS names another', () => {
    const context = { domain: '127.0.0.1:8443', extraCa: '/tmp/old-ca.pem', cwd: '/nowhere' };

    expect(describeTlsFailure(sdkError('DEPTH_ZERO_SELF_SIGNED_CERT'), context)).toBe(
      "TLS verification failed for 127.0.0.1:8443 (DEPTH_ZERO_SELF_SIGNED_CERT: its certificate is self-signed): NODE_EXTRA_CA_CERTS is /tmp/old-ca.pem, which does not hold the CA that signed it; set NODE_EXTRA_CA_CERTS to the local tenant's CA file: ca.pem beside its state file (.local-tenant/ca.pem by default), as npm run local-tenant prints it; or unset AUTH0_DOMAIN, AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET to let the command start the local tenant itself",
    );
  });

  it("names the local tenant's CA file when the engine trusted it alone", () => {
    const context = {
      domain: '127.0.0.1:8443',
      extraCa: '/etc/ssl/corporate-ca.pem',
      localCa: '/work/.local-tenant/ca.pem',
      cwd: '/work',
    };

    expect(describeTlsFailure(sdkError('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), context)).toBe(
      "TLS verification failed for 127.0.0.1:8443 (UNABLE_TO_VERIFY_LEAF_SIGNATURE: its certificate is signed by a CA this machine does not trust): the local tenant's CA file /work/.local-tenant/ca.pem does not hold the CA that signed it (another local tenant of the same state folder may have made a new one since it started): stop the local tenant and run the command again",
    );
  });

  it('is not retried as a dropped connection would be', async () => {
    let calls = 0;
    globalThis.fetch = async () => {
      calls += 1;
      throw sdkError('SELF_SIGNED_CERT_IN_CHAIN').cause;
    };
    const reported: string[] = [];
    guardFetch(
      (line) => reported.push(line),
      async () => {},
    );

    await expect(fetch('https://127.0.0.1:8443/oauth/token', { method: 'POST' })).rejects.toThrow(
      'fetch failed',
    );
    expect(calls).toBe(1);
    expect(reported).toEqual([]);
  });
});
