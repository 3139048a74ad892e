/**
 * A stand-in for the SIEM end of an HTTP log stream ("Custom Webhook"), served by the local tenant on
 * http://127.0.0.1 beside its Management API. It takes what Auth0 would POST to a stream's
 * `httpEndpoint`: the stream's events in its `httpContentFormat`, with its `httpAuthorization` as the
 * Authorization header. It accepts a request only from a stream of the local tenant that points here,
 * by that header, and keeps the events in memory for tests and people to read back
 * (`GET /__local/log-stream/events` on the API's port, with the control token).
 */
import http from 'node:http';
import { isLocalHost } from '../../tenant/policy/urls';
import { sameText } from '../auth';
import { readBody } from '../http/body';
import { ApiError } from '../http/errors';
import type { JsonObject } from '../state/types';

/** The one path the receiver answers; the URL it prints, and our local environment's stream, end in it. */
export const LOG_STREAM_PATH = '/log-stream';

/**
 * A batch of log events is a few kilobytes per event; more than this from one request is a client gone
 * wrong, refused (413) before it fills the memory the events are kept in.
 */
export const MAX_LOG_BODY_BYTES = 1024 * 1024;

/** How many events are kept; beyond it the oldest go first, so a long-running local tenant stays small. */
export const MAX_KEPT_EVENTS = 10_000;

export type ContentFormat = 'JSONARRAY' | 'JSONLINES' | 'JSONOBJECT';

/** Auth0's documented default: without `httpContentFormat` a stream delivers JSON lines. */
export const DEFAULT_CONTENT_FORMAT: ContentFormat = 'JSONLINES';

export interface ReceivedLogEvent {
  /** The name of the stream whose authorization the request carried. */
  stream: string;
  receivedAt: string;
  /** The event as delivered: `{ log_id, data }` from Auth0. */
  event: unknown;
}

export interface LogReceiver {
  /** `http://127.0.0.1:<port>/log-stream`: what a local stream's `httpEndpoint` is. */
  url: string;
  port: number;
  events(): ReceivedLogEvent[];
  clearEvents(): void;
  close(): Promise<void>;
}

/** Whether a stream's endpoint is this receiver: a loopback host, the receiver's port, its path. */
function pointsHere(endpoint: unknown, port: number): boolean {
  if (typeof endpoint !== 'string') return false;
  try {
    const url = new URL(endpoint);
    return (
      url.protocol === 'http:' &&
      isLocalHost(url.hostname.toLowerCase()) &&
      Number(url.port || 80) === port &&
      url.pathname === LOG_STREAM_PATH
    );
  } catch {
    return false;
  }
}

/**
 * The stream the request comes from. A stream without `httpAuthorization` cannot deliver here: a SIEM
 * endpoint that takes unauthenticated posts lets anyone write log lines into the audit trail.
 */
function senderOf(streams: readonly JsonObject[], port: number, authorization: string | undefined) {
  return streams.find((stream) => {
    const sink = stream.sink as JsonObject | undefined;
    const expected = sink?.httpAuthorization;
    return (
      stream.type === 'http' &&
      pointsHere(sink?.httpEndpoint, port) &&
      typeof expected === 'string' &&
      expected !== '' &&
      authorization !== undefined &&
      sameText(authorization, expected)
    );
  });
}

/** The events of a body in the stream's content format; a malformed body is the sender's 400. */
export function parseLogBody(text: string, format: ContentFormat): unknown[] {
  const parse = (part: string) => {
    try {
      return JSON.parse(part) as unknown;
    } catch {
      throw new ApiError(400, `the body is not ${format} (JSON that does not parse)`);
    }
  };
  if (format === 'JSONLINES') {
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map(parse);
  }
  const parsed = parse(text);
  if (format === 'JSONARRAY') {
    if (!Array.isArray(parsed)) throw new ApiError(400, 'the body is not a JSON array (JSONARRAY)');
    return parsed;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new ApiError(400, 'the body is not one JSON object (JSONOBJECT)');
  return [parsed];
}

function formatOf(stream: JsonObject): ContentFormat {
  const format = (stream.sink as JsonObject | undefined)?.httpContentFormat;
  return format === 'JSONARRAY' || format === 'JSONOBJECT' ? format : DEFAULT_CONTENT_FORMAT;
}

function answer(response: http.ServerResponse, status: number, body: JsonObject): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(payload)),
  });
  response.end(payload);
}

/**
 * Starts the receiver on 127.0.0.1:`port` (0 picks a free one). `streams` gives the local tenant's log
 * streams as they are now, so a stream deployed or rotated a moment ago is what a request is checked
 * against.
 */
export async function startLogReceiver(options: {
  port: number;
  streams: () => readonly JsonObject[];
}): Promise<LogReceiver> {
  const kept: ReceivedLogEvent[] = [];
  const server = http.createServer();
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
  const receive = async (request: http.IncomingMessage, response: http.ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path !== LOG_STREAM_PATH)
      return answer(response, 404, { error: `only ${LOG_STREAM_PATH} is served` });
    if (request.method !== 'POST') return answer(response, 405, { error: 'log events are POSTed' });
    const stream = senderOf(options.streams(), port, request.headers.authorization);
    if (!stream) {
      request.resume();
      return answer(response, 401, {
        error: `no http log stream of the local tenant sends to ${LOG_STREAM_PATH} on this port with this Authorization header`,
      });
    }
    // Said up front when the length is declared, so the sender hears why before it has sent it all.
    if (Number(request.headers['content-length'] ?? 0) > MAX_LOG_BODY_BYTES) {
      request.resume();
      return answer(response, 413, { error: `a log batch may be at most ${MAX_LOG_BODY_BYTES} bytes` });
    }
    const events = parseLogBody(
      (await readBody(request, MAX_LOG_BODY_BYTES)).toString('utf8'),
      formatOf(stream),
    );
    const receivedAt = new Date().toISOString();
    kept.push(...events.map((event) => ({ stream: String(stream.name), receivedAt, event })));
    kept.splice(0, Math.max(0, kept.length - MAX_KEPT_EVENTS));
    answer(response, 200, { received: events.length });
  };
  server.on('request', (request, response) => {
    receive(request, response).catch((error: unknown) => {
      if (error instanceof ApiError) return answer(response, error.statusCode, { error: error.message });
      process.stderr.write(
        `log stream receiver: internal error: ${String((error as Error)?.stack ?? error)}\n`,
      );
      answer(response, 500, { error: 'internal error' });
    });
  });
  return {
    url: `http://127.0.0.1:${port}${LOG_STREAM_PATH}`,
    port,
    events: () => kept.map((event) => ({ ...event })),
    clearEvents: () => {
      kept.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
