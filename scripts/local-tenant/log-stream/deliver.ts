/**
 * The transport half of an HTTP log stream: POSTs log events to a stream's sink the way Auth0 does, in the
 * stream's content format, with its Authorization, Content-Type and custom headers. Which events a stream
 * gets (its `filters`, its `pii_config`) is the caller's to decide; this sends what it is given.
 */
import type { JsonObject } from '../state/types';
import { type ContentFormat, DEFAULT_CONTENT_FORMAT } from './receiver';

/** A log event as a log stream carries it: Auth0's log entry under `data`, its id beside it. */
export interface StreamedLogEvent {
  log_id: string;
  data: JsonObject;
}

export type DeliveryResult =
  /** The sink's answer to each request (one for a batch, one per event for JSONOBJECT), up to the first refusal. */
  { sent: true; statuses: number[] } | { sent: false; reason: string };

/** The request bodies for the events: one batch, or one object per request. */
function bodiesOf(events: readonly StreamedLogEvent[], format: ContentFormat): string[] {
  if (format === 'JSONARRAY') return [JSON.stringify(events)];
  if (format === 'JSONOBJECT') return events.map((event) => JSON.stringify(event));
  return [events.map((event) => JSON.stringify(event)).join('\n')];
}

/** The stream as the Management API answers it (`GET /api/v2/log-streams`), and the events to send. */
export async function deliverToSink(
  stream: JsonObject,
  events: readonly StreamedLogEvent[],
): Promise<DeliveryResult> {
  if (stream.type !== 'http') {
    return {
      sent: false,
      reason: `a ${String(stream.type)} stream's sink is not reachable from this machine`,
    };
  }
  // Auth0 sends nothing to a paused stream; a suspended one (its sink kept failing) waits to be resumed.
  if (stream.status === 'paused' || stream.status === 'suspended') {
    return { sent: false, reason: `the stream is ${stream.status}` };
  }
  const sink = (stream.sink ?? {}) as JsonObject;
  const headers: Record<string, string> = {
    'content-type': typeof sink.httpContentType === 'string' ? sink.httpContentType : 'application/json',
  };
  if (typeof sink.httpAuthorization === 'string') headers.authorization = sink.httpAuthorization;
  for (const custom of (sink.httpCustomHeaders ?? []) as JsonObject[]) {
    headers[String(custom.header).toLowerCase()] = String(custom.value);
  }
  const format = (sink.httpContentFormat as ContentFormat | undefined) ?? DEFAULT_CONTENT_FORMAT;
  const statuses: number[] = [];
  for (const body of bodiesOf(events, format)) {
    const response = await fetch(String(sink.httpEndpoint), { method: 'POST', headers, body });
    await response.arrayBuffer();
    statuses.push(response.status);
    if (!response.ok) break;
  }
  return { sent: true, statuses };
}
