/**
 * The login's log events, sent to every active http log stream of the tenant as Auth0 sends them.
 *
 * Batching. Auth0 says it delivers each log as it is triggered, at least once, and tries a delivery up to
 * three times (https://auth0.com/docs/customize/log-streams); a stream's content format lets one request
 * carry many events (JSONARRAY, JSONLINES), and what a SIEM sees from a busy tenant is batches. Auth0 does
 * not document the batch size or window; we send what a stream gathered in `windowMs` (1 s), or at once when
 * `batchSize` (100) events are waiting, so a login's events (`s` after a `gd_auth_succeed`) arrive together
 * and a test can wait on `flush()` instead of a timer.
 *
 * Each stream gets only the categories its `filters` name (none: all), with its `pii_config` applied. A
 * delivery that fails (the sink unreachable or answering an error) is tried three times in all, then
 * dropped with a line on stderr: a log sink that is down never fails a login.
 */
import { deliverToSink, type StreamedLogEvent } from '../log-stream/deliver';
import type { JsonObject } from '../state/types';
import type { LoginLogInput, LoginLogs } from './contract';
import { LOG_CATEGORIES, logEventData } from './log-event';
import { withPiiConfig } from './log-pii';

export interface LoginLogsOptions {
  /** The tenant's log streams as they are now (`GET /api/v2/log-streams`). */
  streams: () => readonly JsonObject[];
  tenantName: string;
  /** Values that must never appear in an event (Action secrets, client secrets): cut out of every string. */
  secretValues?: () => readonly string[];
  batchSize?: number;
  windowMs?: number;
  /** Attempts per batch before it is dropped (Auth0: up to three). */
  attempts?: number;
  retryDelayMs?: number;
  /** Where a dropped batch is said; stderr by default. */
  warn?: (line: string) => void;
}

const streamKey = (stream: JsonObject) => String(stream.id ?? stream.name);

/** Whether the stream takes this event: active, http (the one sink reachable here), and its filters. */
function takes(stream: JsonObject, type: LoginLogInput['type']): boolean {
  if (stream.type !== 'http' || stream.status === 'paused' || stream.status === 'suspended') return false;
  const filters = Array.isArray(stream.filters) ? (stream.filters as JsonObject[]) : [];
  if (filters.length === 0) return true;
  return filters.some((filter) => filter.type === 'category' && filter.name === LOG_CATEGORIES[type]);
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createLoginLogs(options: LoginLogsOptions): LoginLogs {
  const batchSize = options.batchSize ?? 100;
  const windowMs = options.windowMs ?? 1000;
  const attempts = options.attempts ?? 3;
  const retryDelayMs = options.retryDelayMs ?? 250;
  const warn = options.warn ?? ((line: string) => process.stderr.write(`${line}\n`));
  const queues = new Map<string, StreamedLogEvent[]>();
  const inFlight = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | undefined;

  /** Sends one batch to the stream as it is now; retries, then drops with a note. */
  const deliver = async (key: string, events: StreamedLogEvent[]) => {
    let reason = 'the stream is gone';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const stream = options.streams().find((candidate) => streamKey(candidate) === key);
      if (!stream) break;
      try {
        const result = await deliverToSink(stream, events);
        if (!result.sent) reason = result.reason;
        else if (result.statuses.every((status) => status >= 200 && status < 300)) return;
        else reason = `the sink answered ${result.statuses.join(', ')}`;
      } catch (error) {
        reason = `the sink cannot be reached (${(error as Error).message})`;
      }
      if (attempt < attempts) await pause(retryDelayMs * attempt);
    }
    warn(
      `log stream "${String(key)}": ${events.length} log event(s) dropped after ${attempts} attempts: ${reason}`,
    );
  };

  const send = (key: string) => {
    const events = queues.get(key);
    if (!events || events.length === 0) return;
    queues.delete(key);
    const delivery = deliver(key, events).finally(() => inFlight.delete(delivery));
    inFlight.add(delivery);
  };

  const sendAll = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    for (const key of [...queues.keys()]) send(key);
  };

  return {
    emit(input: LoginLogInput): void {
      const streams = options.streams().filter((stream) => takes(stream, input.type));
      if (streams.length === 0) return;
      const data = logEventData(input, {
        tenantName: options.tenantName,
        secrets: options.secretValues?.() ?? [],
      });
      for (const stream of streams) {
        const key = streamKey(stream);
        const queue = queues.get(key) ?? [];
        queue.push({ log_id: String(data.log_id), data: withPiiConfig(data, stream) });
        queues.set(key, queue);
        if (queue.length >= batchSize) send(key);
      }
      if (!timer && queues.size > 0) {
        timer = setTimeout(sendAll, windowMs);
        // A batch waiting to go never keeps the process alive; shutdown calls flush().
        timer.unref();
      }
    },

    async flush(): Promise<void> {
      sendAll();
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
