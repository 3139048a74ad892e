/**
 * The HTTP layer under deploy-cli's SDK (it calls the global `fetch`). The SDK already retries 408, 429
 * (honouring Retry-After) and 5xx answers; it does not retry a dropped connection. This wrapper does,
 * for requests that are safe to repeat: reads, PATCH/PUT/DELETE, the token request and an Action's
 * deploy. A dropped create (POST) is not repeated here, because Auth0 may have made the resource: the
 * deploy re-reads the tenant and plans again instead (see scripts/deploy/).
 * The token request's client retries nothing, so its 429 and 5xx answers are retried here too.
 * It also counts reads, writes and faults, and reports each fault as a progress line.
 * Every Management API call (retries included) first waits for budget from the pacer (pacer.ts), which
 * learns the tenant's limit from the x-ratelimit-* headers of each answer.
 */
import { endpointGroup, readRateLimitHeaders } from '../rate-limits/index';
import { DEFAULT_RATE_SHARE, Pacer } from './pacer';
import type { TrafficCounts } from './protocol';
import { tlsFailureCode } from './tls-error';

const RETRIES = 4;

export interface FetchGuard {
  traffic(): TrafficCounts;
  reset(): void;
  /** Resolves once no request has been in flight for a moment: what a failed step left running is done. */
  settled(): Promise<void>;
}

export function guardFetch(
  report: (line: string) => void,
  sleep = defaultSleep,
  pacer = new Pacer({ share: DEFAULT_RATE_SHARE, sleep }),
): FetchGuard {
  const realFetch = globalThis.fetch;
  let counts = { reads: 0, writes: 0, faults: 0 };
  let inFlight = 0;

  globalThis.fetch = async (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const url = new URL(input instanceof Request ? input.url : String(input));
    const where = `${method} ${url.pathname}`;
    const isApi = url.pathname.startsWith('/api/v2');
    // The pacer's buckets of a Management API call: the same for each attempt.
    const group = isApi ? endpointGroup(method, url.pathname) : undefined;
    const isToken = url.pathname === '/oauth/token';
    for (let attempt = 1; ; attempt++) {
      if (isApi) {
        if (method === 'GET') counts.reads += 1;
        else counts.writes += 1;
      }
      if (group) await pacer.acquire(group);
      inFlight += 1;
      let status: number | undefined;
      let limits: ReturnType<typeof readRateLimitHeaders>;
      try {
        const response = await realFetch(input, init);
        status = response.status;
        limits = readRateLimitHeaders((name) => response.headers.get(name));
        if (response.status !== 429 && response.status < 500) return response;
        counts.faults += 1;
        const retryAfter = Number(response.headers.get('retry-after'));
        const wait = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 0;
        const label =
          response.status === 429 ? `rate limited on ${where}` : `${response.status} from ${where}`;
        report(`${label}: retrying${wait ? ` after ${wait} s, as Retry-After asks` : ''}`);
        // The Management API SDK retries these itself; the token request's client does not.
        if (!isToken || attempt > RETRIES) return response;
        await response.body?.cancel();
        await sleep(wait ? wait * 1000 : 250 * 2 ** (attempt - 1));
      } catch (error) {
        // An untrusted certificate is not a dropped connection: asking again gets the same answer.
        if (init?.signal?.aborted || attempt > RETRIES || !safeToRepeat(method, url.pathname)) throw error;
        if (tlsFailureCode(error)) throw error;
        counts.faults += 1;
        report(`connection lost on ${where}: retrying (${attempt}/${RETRIES})`);
        await sleep(250 * 2 ** (attempt - 1));
      } finally {
        inFlight -= 1;
        if (group) pacer.settle(group, status, limits);
      }
    }
  };

  return {
    traffic: () => ({ ...counts, ...pacer.report() }),
    reset: () => {
      counts = { reads: 0, writes: 0, faults: 0 };
      pacer.reset();
    },
    settled: async () => {
      for (let quiet = 0; quiet < 3; ) {
        await sleep(100);
        quiet = inFlight === 0 ? quiet + 1 : 0;
      }
    },
  };
}

function safeToRepeat(method: string, pathname: string): boolean {
  if (method !== 'POST') return true;
  return pathname === '/oauth/token' || /^\/api\/v2\/actions\/actions\/[^/]+\/deploy$/.test(pathname);
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
