import type { IncomingMessage } from 'node:http';
import { ApiError } from './errors';

const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Reads the request body, refusing more than `maxBytes` (413, as a proxy in front of Auth0 would; 10 MB). */
export async function readBody(request: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes)
      throw new ApiError(413, `Payload content length greater than maximum allowed: ${maxBytes}`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Parses a JSON or form-encoded body; `undefined` when empty. Malformed JSON is Auth0's 400. */
export function parseBody(raw: Buffer, contentType: string | undefined): unknown {
  const text = raw.toString('utf8');
  if (text.trim() === '') return undefined;
  if (contentType?.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'Invalid request payload JSON format', 'invalid_json');
  }
}
