import { ApiError, badRequest } from './http/errors';
import { isJsonObject } from './http/validate';

/** Misbehaviour to inject into API answers, for tests and benchmarks. All off by default. */
export interface Faults {
  /** Added to every API answer, in milliseconds. */
  latencyMs?: number;
  /** Share (0..1) of API requests answered 429 with Retry-After and Auth0's x-ratelimit-* headers. */
  rateLimitRatio?: number;
  /** Seconds in the Retry-After header of an injected 429 (default 1). */
  retryAfterSeconds?: number;
  /** Share (0..1) of API requests answered 503. */
  serverErrorRatio?: number;
  /** Share (0..1) of API requests whose connection is dropped without an answer. */
  dropRatio?: number;
  /**
   * Makes the choice of faulted requests repeatable: the n-th request after the faults are set meets the
   * same fault on every run. Without it the choice is random, which a test asserting that each kind of
   * fault happened could not rely on.
   */
  seed?: number;
}

/** The random source for a faults setting: seeded (mulberry32) when it has a seed, else Math.random. */
export function faultRandom(faults: Faults): () => number {
  if (faults.seed === undefined) return Math.random;
  let state = faults.seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type FaultDecision = { kind: 'none' } | { kind: 'drop' } | { kind: 'error'; error: ApiError };

const RATE_LIMIT = 50;

/** Which fault, if any, hits this request: drop first, then 429, then 5xx. */
export function decideFault(faults: Faults, random: () => number = Math.random): FaultDecision {
  if ((faults.dropRatio ?? 0) > random()) return { kind: 'drop' };
  if ((faults.rateLimitRatio ?? 0) > random()) {
    const retryAfter = faults.retryAfterSeconds ?? 1;
    const reset = Math.ceil(Date.now() / 1000) + retryAfter;
    return {
      kind: 'error',
      error: new ApiError(429, 'Global limit has been reached', 'too_many_requests', {
        'retry-after': String(retryAfter),
        'x-ratelimit-limit': String(RATE_LIMIT),
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(reset),
      }),
    };
  }
  if ((faults.serverErrorRatio ?? 0) > random()) {
    return {
      kind: 'error',
      error: new ApiError(
        503,
        'The service is temporarily unavailable (injected fault)',
        'service_unavailable',
      ),
    };
  }
  return { kind: 'none' };
}

const RATIOS = ['rateLimitRatio', 'serverErrorRatio', 'dropRatio'] as const;
const WHOLE_NUMBERS = ['latencyMs', 'retryAfterSeconds', 'seed'] as const;

/** Checks a faults document (from `PUT /__local/faults` or the CLI), answering 400 on a bad value. */
export function parseFaults(value: unknown): Faults {
  if (!isJsonObject(value)) throw badRequest('faults must be a JSON object');
  const faults: Faults = {};
  for (const key of Object.keys(value)) {
    if (!(RATIOS as readonly string[]).includes(key) && !(WHOLE_NUMBERS as readonly string[]).includes(key)) {
      throw badRequest(`unknown fault "${key}"; known: ${[...WHOLE_NUMBERS, ...RATIOS].join(', ')}`);
    }
  }
  for (const key of RATIOS) {
    const ratio = value[key];
    if (ratio === undefined) continue;
    if (typeof ratio !== 'number' || !(ratio >= 0 && ratio <= 1)) {
      throw badRequest(`${key} must be a number from 0 to 1`);
    }
    faults[key] = ratio;
  }
  for (const key of WHOLE_NUMBERS) {
    const amount = value[key];
    if (amount === undefined) continue;
    if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 0) {
      throw badRequest(`${key} must be a whole number of at least 0`);
    }
    faults[key] = amount;
  }
  return faults;
}
