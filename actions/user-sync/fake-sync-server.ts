/**
 * Test double of the sync backend: a real HTTP server on 127.0.0.1 that records each request and answers
 * from a script, so user-sync's tests exercise real sockets, real timeouts and real connection errors.
 * Used by tests only; the Action never imports it.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** How to answer one request: a status (with an optional Location), never (hang), or drop the connection. */
export type Reply = { status: number; location?: string } | 'hang' | 'reset';

export interface FakeSyncServer {
  /** `http://127.0.0.1:<port>/v1/logins` */
  url: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

/** Answers requests with `replies` in order, then with the last one (default: 204 for all). */
export async function startFakeSyncServer(replies: Reply[] = [{ status: 204 }]): Promise<FakeSyncServer> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: parseJson(text),
      });
      const reply = replies[Math.min(requests.length, replies.length) - 1] ?? { status: 204 };
      if (reply === 'hang') return;
      if (reply === 'reset') {
        req.socket.destroy();
        return;
      }
      res.writeHead(reply.status, reply.location ? { location: reply.location } : {});
      res.end(reply.status === 204 ? undefined : '{"detail":"from the fake"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/logins`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A URL on 127.0.0.1 where nothing listens (connection refused). */
export async function refusedUrl(): Promise<string> {
  const server = await startFakeSyncServer();
  await server.close();
  return server.url;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
