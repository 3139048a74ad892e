import { describe, expect, it } from 'vitest';
import { valuesAt } from './paths';

/** An Action as tenant.yaml holds it: what the registry's secret and reference paths walk. */
const action = () => ({
  name: 'user-sync',
  secrets: [
    { name: 'USER_SYNC_TOKEN', value: '##USER_SYNC_TOKEN##' },
    { name: 'USER_SYNC_URL', value: 'https://sync.example.com' },
  ],
  options: { configuration: { LEGACY_API_TOKEN: '##LEGACY_TOKEN##', TIMEOUT_MS: '3000' } },
});

const where = (item: unknown, pattern: string) =>
  valuesAt(item, pattern).map(({ segments, value }) => [segments.join('.'), value]);

describe('the values a registry path names', () => {
  it('finds every item of a list and every key of a mapping under *', () => {
    expect(where(action(), 'secrets.*.value')).toEqual([
      ['secrets.0.value', '##USER_SYNC_TOKEN##'],
      ['secrets.1.value', 'https://sync.example.com'],
    ]);
    expect(where(action(), 'options.configuration.*')).toEqual([
      ['options.configuration.LEGACY_API_TOKEN', '##LEGACY_TOKEN##'],
      ['options.configuration.TIMEOUT_MS', '3000'],
    ]);
  });

  it('gives the mapping or list that holds each value', () => {
    const [first] = valuesAt(action(), 'secrets.*.value');
    expect(first?.parent).toEqual({ name: 'USER_SYNC_TOKEN', value: '##USER_SYNC_TOKEN##' });
  });

  it('names a list item by its index as written, and nothing for an index that is not one', () => {
    expect(where(action(), 'secrets.1.name')).toEqual([['secrets.1.name', 'USER_SYNC_URL']]);
    for (const index of ['2', '-1', '0.5', '01', '1e0', 'length']) {
      expect(where(action(), `secrets.${index}.name`)).toEqual([]);
    }
  });

  it('finds nothing where a key is missing, or where the value has another shape', () => {
    expect(where(action(), 'client_secret')).toEqual([]);
    expect(where({ secrets: 'not a list' }, 'secrets.*.value')).toEqual([]);
    expect(where({ options: null }, 'options.configuration.*')).toEqual([]);
    expect(where({ name: 'app' }, 'name.length')).toEqual([]);
  });

  it('finds a value that is present but empty', () => {
    expect(where({ client_secret: null }, 'client_secret')).toEqual([['client_secret', null]]);
  });

  it('does not take a key from the prototype', () => {
    expect(where({}, 'constructor')).toEqual([]);
    expect(where({}, 'toString')).toEqual([]);
  });
});
