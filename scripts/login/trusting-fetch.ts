import { readFileSync } from 'node:fs';
import https from 'node:https';

export interface FetchOptions {
  method?: string;
  headers?: Headers | Record<string, string>;
  body?: unknown;
  signal?: AbortSignal | null;
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * A `fetch` for openid-client's and jose's `customFetch` that trusts the local tenant's CA, and only it
 * (tests and `npm run login` run in-process, where NODE_EXTRA_CA_CERTS is read too late): TLS is verified as in
 * production, never switched off (no `allowInsecureRequests`).
 */
export type LoginFetch = (url: string, options?: FetchOptions) => Promise<Response>;

export function fetchTrusting(caFile: string): LoginFetch {
  const ca = readFileSync(caFile);
  return (url: string, options: FetchOptions = {}): Promise<Response> => {
    const headers = Object.fromEntries(new Headers(options.headers).entries());
    const body = options.body === undefined || options.body === null ? undefined : String(options.body);
    return new Promise((resolve, reject) => {
      const request = https.request(url, { method: options.method ?? 'GET', headers, ca }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const answerHeaders = new Headers();
          for (const [name, value] of Object.entries(response.headers)) {
            for (const one of [value ?? []].flat()) answerHeaders.append(name, one);
          }
          const status = response.statusCode ?? 0;
          // A Response of a null-body status (204, 304, ...) refuses any body, even an empty one.
          const body = NULL_BODY_STATUSES.has(status) ? null : Buffer.concat(chunks);
          resolve(new Response(body, { status, headers: answerHeaders }));
        });
      });
      request.on('error', reject);
      options.signal?.addEventListener('abort', () => request.destroy(new Error('aborted')));
      request.end(body);
    });
  };
}
