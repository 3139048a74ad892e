import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateTenant } from '../../bench/generated-tenant';
import { tenantSchema } from './index';
import { splitLargeSubschemas } from './split';

const OPTIONS = { allErrors: true, strict: true, allowUnionTypes: true, verbose: true } as const;

function validatorOf(schema: Record<string, unknown>, inlineRefs: boolean) {
  const ajv = new Ajv({ ...OPTIONS, inlineRefs });
  addFormats(ajv, ['date']);
  return ajv.compile(schema);
}

/** What a reader of the errors sees, schema paths aside (they are relative once split). */
const said = (errors: readonly ErrorObject[] | null | undefined) =>
  (errors ?? [])
    .map(({ instancePath, keyword, params, message, data }) =>
      JSON.stringify({ instancePath, keyword, params, message, data }),
    )
    .sort();

/** A small PRNG, so a failing document can be made again from its seed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** The document with one value somewhere replaced by something of another kind, or a key added. */
function mutate(document: unknown, next: () => number): unknown {
  const copy = structuredClone(document);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  let node: unknown = copy;
  for (let depth = 0; depth < 8; depth++) {
    const keys: (string | number)[] = Array.isArray(node)
      ? node.map((_, index) => index)
      : node && typeof node === 'object'
        ? Object.keys(node)
        : [];
    if (keys.length === 0) break;
    const key = pick(keys);
    const container = node as Record<string | number, unknown>;
    const child = container[key];
    if (next() < 0.3 || child === null || typeof child !== 'object') {
      container[key] = pick([42, 'text', true, null, [], {}, ['a', 1], { unknown_key: 1 }, '', -1]);
      return copy;
    }
    if (next() < 0.15 && !Array.isArray(child)) {
      (child as Record<string, unknown>).nam = 'a misspelt key';
      return copy;
    }
    node = child;
  }
  return copy;
}

describe('the tenant schema split into parts', () => {
  const inline = validatorOf(tenantSchema, true);
  const split = validatorOf(splitLargeSubschemas(tenantSchema), false);
  const ours = parse(readFileSync(path.join(import.meta.dirname, '../../../tenant/tenant.yaml'), 'utf8'));
  const generated = generateTenant({ clients: 30, connections: 6, apis: 4, organizations: 5 }).tenant;

  it('moves the large parts only, and keeps the small ones where they were', () => {
    const schema = splitLargeSubschemas(tenantSchema) as {
      properties: Record<string, unknown>;
      $defs: object;
    };
    expect(schema.properties.clients).toEqual({ $ref: '#/$defs/tenant.clients' });
    expect(Object.keys(schema.$defs)).toContain('tenant.clients.items');
    const small = splitLargeSubschemas({ type: 'object', properties: { name: { type: 'string' } } });
    expect(small).toEqual({ type: 'object', properties: { name: { type: 'string' } } });
  });

  it('accepts what the whole schema accepts, and says the same of what it refuses', () => {
    // Duplicates: uniqueItems reports them by the type of the items beside it.
    const duplicates = {
      clients: [
        { name: 'a', app_type: 'spa', grant_types: ['authorization_code', 'authorization_code'] },
        { name: 'b', app_type: 'spa', grant_types: [1, 1] },
      ],
    };
    for (const document of [ours, generated, duplicates, {}, { clients: 'not a list' }, { nonsense: true }]) {
      const accepted = inline(document);
      expect(split(document)).toBe(accepted);
      expect(said(split.errors)).toEqual(said(inline.errors));
    }
  });

  it('agrees on a thousand documents with one mistake each', () => {
    const next = random(15);
    let refused = 0;
    for (let round = 0; round < 1000; round++) {
      const document = mutate(round % 2 === 0 ? ours : generated, next);
      const accepted = inline(document);
      if (!accepted) refused += 1;
      expect(split(document), `round ${round}`).toBe(accepted);
      expect(said(split.errors), `round ${round}`).toEqual(said(inline.errors));
    }
    // The mutations reach the schema: most documents are refused.
    expect(refused).toBeGreaterThan(500);
  });
});
