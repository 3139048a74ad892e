/**
 * Test double of the sync backend: a real HTTP server on 127.0.0.1 that records each request and answers
 * from a script, so user-sync's tests exercise real sockets, real timeouts and real connection errors.
 * Used by tests only; the Action never imports it.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/**
 * How to answer one request: a status (with an optional Location), a status with a body of `streamBytes`
 * (streamed as fast as the socket takes it, or one chunk every `paceMs`), never (hang), or drop the
 * connection.
 */
export type Reply =
  | { status: number; location?: string }
  | { status: number; streamBytes: number; paceMs?: number }
  | 'hang'
  | 'reset';

/** One streamed body, as the server saw it. */
export interface StreamedBody {
  /** Bytes handed to the socket so far (the server waits for the client before writing more). */
  bytesWritten: number;
  /** Settles when the server stops: `complete` when every byte went out, `cut off` when the client closed first. */
  done: Promise<'complete' | 'cut off'>;
}

export interface FakeSyncServer {
  /** `http://127.0.0.1:<port>/v1/logins` */
  url: string;
  requests: ReceivedRequest[];
  /** The streamed bodies, in order (see `Reply`). */
  streams: StreamedBody[];
  close(): Promise<void>;
}

const STREAM_CHUNK = Buffer.alloc(64 * 1024, 'x');
const PACED_CHUNK_BYTES = 8 * 1024;

/**
 * Writes `total` bytes until done or the client goes away: a 64 kB chunk whenever the socket has room, or
 * with `paceMs` an 8 kB chunk every `paceMs` (so the kernel's buffers stay empty and what was written is
 * what the client read).
 */
function streamBody(res: ServerResponse, status: number, total: number, paceMs?: number): StreamedBody {
  const body: StreamedBody = { bytesWritten: 0, done: Promise.resolve('complete') };
  body.done = new Promise((resolve) => {
    res.on('close', () => resolve(res.writableFinished ? 'complete' : 'cut off'));
  });
  res.writeHead(status, { 'content-type': 'application/json' });
  const pump = () => {
    while (body.bytesWritten < total && !res.destroyed) {
      const size = Math.min(paceMs ? PACED_CHUNK_BYTES : STREAM_CHUNK.length, total - body.bytesWritten);
      body.bytesWritten += size;
      const room = res.write(STREAM_CHUNK.subarray(0, size));
      if (paceMs) {
        setTimeout(pump, paceMs);
        return;
      }
      if (!room) {
        res.once('drain', pump);
        return;
      }
    }
    if (!res.destroyed) res.end();
  };
  pump();
  return body;
}

/** Answers requests with `replies` in order, then with the last one (default: 204 for all). */
export async function startFakeSyncServer(replies: Reply[] = [{ status: 204 }]): Promise<FakeSyncServer> {
  const requests: ReceivedRequest[] = [];
  const streams: StreamedBody[] = [];
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
      if ('streamBytes' in reply) {
        streams.push(streamBody(res, reply.status, reply.streamBytes, reply.paceMs));
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
    streams,
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
