import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { LocalTenant } from '../../scripts/local-tenant';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

export interface SendOptions {
  /** Raw body text (sent as is); otherwise `body` is sent as JSON. */
  text?: string;
  contentType?: string;
  token?: string | null;
}

/**
 * A small HTTPS client that trusts the local tenant's CA explicitly (NODE_EXTRA_CA_CERTS only applies
 * to processes started with it, and the tests run in-process).
 */
export function httpClient(
  tenant: Pick<LocalTenant, 'caFile' | 'port' | 'domain' | 'clientId' | 'clientSecret'>,
) {
  const ca = readFileSync(tenant.caFile);

  function send(method: string, path: string, body?: unknown, options: SendOptions = {}): Promise<Answer> {
    const payload = options.text ?? (body === undefined ? undefined : JSON.stringify(body));
    const headers: Record<string, string> = {};
    if (payload !== undefined) {
      headers['content-type'] = options.contentType ?? 'application/json';
      // Node sends a DELETE's body neither chunked nor sized unless told its length: the server would
      // read it as the next request (a recorded `DELETE /roles/{id}` carries `{}`).
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    return new Promise((resolve, reject) => {
      const request = https.request(
        { host: '127.0.0.1', port: tenant.port, method, path, headers, ca, servername: 'localhost' },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = text === '' ? undefined : JSON.parse(text);
            } catch {
              // Leave non-JSON answers as text.
            }
            resolve({ status: response.statusCode ?? 0, headers: response.headers, body: parsed });
          });
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
  }

  async function token(): Promise<string> {
    const answer = await send('POST', '/oauth/token', {
      grant_type: 'client_credentials',
      client_id: tenant.clientId,
      client_secret: tenant.clientSecret,
      audience: `https://${tenant.domain}/api/v2/`,
    });
    if (answer.status !== 200)
      throw new Error(`token request failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body.access_token as string;
  }

  return { send, token };
}
