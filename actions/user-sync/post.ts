/**
 * One POST to the sync backend with at most one retry, all inside one time budget.
 *
 * - 2xx: done. 5xx or a network error (refused, reset): one retry if budget is left. A timeout is not
 *   retried: an attempt times out only when the budget is spent.
 *   Anything else (4xx, and 3xx, since redirects are not followed so the bearer token goes nowhere else):
 *   no retry.
 * - The budget is enforced twice: axios' `timeout` per attempt (its remaining share) and one AbortSignal
 *   for the whole budget, which also stops a server that trickles bytes (axios' timeout is an idle timeout).
 * - The response body is read up to MAX_RESPONSE_BYTES (64 kB; we use only the status, and a real answer
 *   is a few hundred bytes). Past it axios stops reading and closes the connection (`maxContentLength`,
 *   counted after decompression), and the attempt fails without a retry: a backend streaming hundreds of
 *   megabytes inside the budget would otherwise take the Action's memory with it.
 * - A failure is described by status or error code only: never the token, the body or the URL.
 */
import axios, { type AxiosAdapter, isAxiosError, isCancel } from 'axios';
import type { SyncPayload } from './payload';

export interface SyncRequest {
  url: string;
  token: string;
  idempotencyKey: string;
  body: SyncPayload;
}

export interface PostOptions {
  budgetMs: number;
  /** In-process transport for the bench; real HTTP otherwise. */
  adapter?: AxiosAdapter;
}

export type PostOutcome =
  | { ok: true; status: number; attempts: number }
  | { ok: false; failure: string; attempts: number };

type Attempt = { ok: true; status: number } | { ok: false; failure: string; retryable: boolean };

const MAX_ATTEMPTS = 2;
/** The most of a response body we read: 64 kB. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

export async function postWithRetry(request: SyncRequest, options: PostOptions): Promise<PostOutcome> {
  const deadline = performance.now() + options.budgetMs;
  const budget = new AbortController();
  const timer = setTimeout(() => budget.abort(), options.budgetMs);
  let failure = 'time budget spent';
  let attempts = 0;
  try {
    while (attempts < MAX_ATTEMPTS) {
      const remainingMs = Math.floor(deadline - performance.now());
      if (remainingMs <= 0 || budget.signal.aborted) break;
      attempts++;
      const attempt = await postOnce(request, remainingMs, budget.signal, options);
      if (attempt.ok) return { ok: true, status: attempt.status, attempts };
      failure = attempt.failure;
      if (!attempt.retryable) break;
    }
    return { ok: false, failure, attempts };
  } finally {
    clearTimeout(timer);
  }
}

async function postOnce(
  request: SyncRequest,
  timeoutMs: number,
  signal: AbortSignal,
  options: PostOptions,
): Promise<Attempt> {
  try {
    const response = await axios.post(request.url, request.body, {
      headers: {
        Authorization: `Bearer ${request.token}`,
        'Idempotency-Key': request.idempotencyKey,
        'Content-Type': 'application/json',
      },
      timeout: timeoutMs,
      signal,
      maxRedirects: 0,
      maxContentLength: MAX_RESPONSE_BYTES,
      validateStatus: () => true,
      responseType: 'text',
      ...(options.adapter ? { adapter: options.adapter } : {}),
    });
    const status = response.status;
    if (status >= 200 && status < 300) return { ok: true, status };
    return { ok: false, failure: `HTTP ${status}`, retryable: status >= 500 };
  } catch (error) {
    // A timed-out attempt has used the whole budget: nothing is left to retry in.
    if (isTimeout(error, signal)) return { ok: false, failure: 'timed out', retryable: false };
    // The same backend would send the same flood again: not retried.
    if (isTooLarge(error)) {
      return { ok: false, failure: `response over ${MAX_RESPONSE_BYTES} bytes`, retryable: false };
    }
    const code = isAxiosError(error) && error.code ? error.code : 'unknown';
    return { ok: false, failure: `network error ${code}`, retryable: true };
  }
}

function isTimeout(error: unknown, signal: AbortSignal): boolean {
  if (isCancel(error) || signal.aborted) return true;
  return isAxiosError(error) && (error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT');
}

/** axios' own error for a body past `maxContentLength` (it has stopped reading and closed the connection). */
function isTooLarge(error: unknown): boolean {
  return (
    isAxiosError(error) &&
    error.code === 'ERR_BAD_RESPONSE' &&
    error.message.startsWith('maxContentLength size of')
  );
}
