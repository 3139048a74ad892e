import { describe, expect, it } from 'vitest';
import { decideFault, type Faults, faultRandom } from './faults';

const kinds = (faults: Faults, count: number) => {
  const random = faultRandom(faults);
  return Array.from({ length: count }, () => {
    const fault = decideFault(faults, random);
    return fault.kind === 'error' ? fault.error.statusCode : fault.kind;
  });
};

describe('injected faults', () => {
  it('meet the same requests on every run when seeded', () => {
    const faults: Faults = { rateLimitRatio: 0.1, serverErrorRatio: 0.1, dropRatio: 0.1, seed: 42 };
    const first = kinds(faults, 200);
    expect(kinds(faults, 200)).toEqual(first);
    expect(new Set(first)).toEqual(new Set(['none', 'drop', 429, 503]));
  });

  it('come in roughly the ratio asked for', () => {
    const seen = kinds({ rateLimitRatio: 0.25, seed: 7 }, 4000).filter((kind) => kind === 429).length;
    expect(seen / 4000).toBeGreaterThan(0.22);
    expect(seen / 4000).toBeLessThan(0.28);
  });
});
