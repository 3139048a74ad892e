/**
 * The resource registry is the only list of resource types: walk it, and show for each type that every
 * stage covers it (the check's schema, the plan, the engine's handlers and delete order, the local
 * tenant's routes, the README's scope table), and that what it declares is consistent with itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schema as deployCliSchema, yamlHandlers } from '../../scripts/engine/engine-modules';
import { createRouter } from '../../scripts/local-tenant/api';
import { seedState } from '../../scripts/local-tenant/state/seed';
import { planChanges } from '../../scripts/plan';
import { deleteOrder, RESOURCE_TYPES, type ResourceType, resourceType } from '../../scripts/resources/index';
import { scopeSection } from '../../scripts/resources/scope-table';
import type { JsonSchema } from '../../scripts/tenant/schema/common';
import { tenantSchema } from '../../scripts/tenant/schema/index';
import { repoRoot } from '../tenant/fixture';

const router = createRouter({ actionBuildMs: 0 });

/** The sub-schemas a dotted path pattern (`secrets.*.value`) names; `*` is any list item or any key. */
function schemasAt(schema: JsonSchema, pattern: string): JsonSchema[] {
  let nodes = [schema];
  for (const part of pattern.split('.')) {
    nodes = nodes.flatMap((node) => {
      const properties = (node.properties ?? {}) as Record<string, JsonSchema>;
      const additional = node.additionalProperties;
      // A field that depends on another (a log stream's sink on its type) is in the `then` of an `allOf`.
      const conditional = ((node.allOf ?? []) as JsonSchema[]).flatMap((branch) => {
        const then = (branch.then as JsonSchema | undefined)?.properties as
          | Record<string, JsonSchema>
          | undefined;
        return then?.[part] ? [then[part]] : [];
      });
      if (part !== '*') return [...(properties[part] ? [properties[part]] : []), ...conditional];
      if (node.type === 'array') return [node.items as JsonSchema];
      return typeof additional === 'object' ? [additional as JsonSchema] : Object.values(properties);
    });
  }
  return nodes;
}

/** The schema of one item as the plan sees it: a list's item, a settings object, a trigger's bindings. */
function itemSchema(type: ResourceType): JsonSchema {
  if (type.shape === 'list') return (type.schema.items as JsonSchema) ?? {};
  if (type.shape === 'singleton') return type.schema;
  const values = Object.values((type.schema.properties ?? {}) as Record<string, JsonSchema>);
  return { type: 'object', properties: { bindings: values[0] ?? {} } };
}

describe.each(RESOURCE_TYPES.map((type) => [type.key, type] as const))('resource type %s', (key, type) => {
  it('is a section the check validates, with the schema the registry declares', () => {
    expect((tenantSchema.properties as Record<string, unknown>)[key]).toBe(type.schema);
  });

  it('is a type deploy-cli 8.44 handles, with a YAML handler and a schema entry', () => {
    expect(Object.keys(yamlHandlers)).toContain(type.handler);
    expect(Object.keys(deployCliSchema.properties)).toContain(key);
  });

  it('is planned: an empty section of its shape plans without error', () => {
    const empty = type.shape === 'list' ? [] : {};
    expect(planChanges({ [key]: empty }, {}).types).toEqual([key]);
  });

  it('has a place in the delete order after every type that refers to it', () => {
    const order = deleteOrder();
    for (const dependency of type.after ?? []) {
      expect(order.indexOf(key), `${key} is deleted before ${dependency}`).toBeLessThan(
        order.indexOf(dependency),
      );
    }
  });

  it('is served by the local tenant, on routes that need only the scopes it declares', () => {
    // A type whose items are fields of other types' resources (pages) is served by their routes.
    const routes = type.localRoutes
      ? type.localRoutes({ actionBuildMs: 0 })
      : (type.servedBy ?? []).flatMap((key) => resourceType(key)?.localRoutes?.({ actionBuildMs: 0 }) ?? []);
    const declared = [...type.scopes.read, ...type.scopes.write, ...type.scopes.remove];
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) {
      expect(router.match(route.method, route.template.replace(/:\w+/g, 'x'))?.route.scope).toBe(route.scope);
      if (type.localRoutes) expect(declared, `${route.method} ${route.template}`).toContain(route.scope);
    }
    expect(routes.some((route) => route.method === 'GET' && type.scopes.read.includes(route.scope))).toBe(
      true,
    );
    if (!type.localRoutes) {
      for (const scope of declared) expect(routes.map((route) => route.scope)).toContain(scope);
    }
  });

  it('keeps its items in local-tenant state fields that a new tenant has, in the shape declared', () => {
    const state = seedState({ domain: '127.0.0.1:8443', deployScopes: [] }) as unknown as Record<
      string,
      unknown
    >;
    for (const { field, shape } of type.localState) {
      expect(Array.isArray(state[field]), field).toBe(shape === 'list');
      expect(state[field], field).toBeTypeOf('object');
    }
  });

  it('declares secret paths, code fields and references that are fields of its schema, to types that exist', () => {
    for (const secret of type.secrets ?? []) {
      const fields = schemasAt(itemSchema(type), secret.path);
      expect(
        fields.some((field) => field.type === 'string'),
        secret.path,
      ).toBe(true);
    }
    // A code field is a string of the schema, or of the item as compared: branding compares its
    // templates by name (`templates.*`), each the text of a file field (`templates.*.body`).
    const comparedFiles = (type.files ?? []).map((file) => file.path.replace(/\.[^.]+$/, ''));
    for (const field of type.codeFields ?? []) {
      expect(
        schemasAt(itemSchema(type), field).some((node) => node.type === 'string') ||
          comparedFiles.includes(field),
        field,
      ).toBe(true);
    }
    for (const reference of type.references ?? []) {
      expect(RESOURCE_TYPES.map((other) => other.key)).toContain(reference.to);
      expect(schemasAt(itemSchema(type), reference.path), reference.path).not.toEqual([]);
    }
    for (const dependency of type.after ?? [])
      expect(RESOURCE_TYPES.map((other) => other.key)).toContain(dependency);
  });
});

describe('the registry as a whole', () => {
  it('lists every type once, each a module of scripts/resources/', () => {
    const keys = RESOURCE_TYPES.map((type) => type.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(deleteOrder().sort()).toEqual([...keys].sort());
  });

  it('is the README scope section, exactly (regenerate with npx tsx scripts/resources/scope-table.ts --write)', () => {
    expect(readFileSync(path.join(repoRoot, 'README.md'), 'utf8')).toContain(scopeSection());
  });

  it('is the only list of resource types in the code: no other file names several of them in one line', () => {
    const keys = RESOURCE_TYPES.map((type) => type.key).filter((key) => key !== 'tenant');
    const quoted = new RegExp(`['"\`](${keys.join('|')})['"\`]`, 'g');
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (file.endsWith('.ts') && !file.endsWith('.test.ts')) {
          readFileSync(file, 'utf8')
            .split('\n')
            .forEach((line, index) => {
              const named = new Set([...line.matchAll(quoted)].map((match) => match[1]));
              if (named.size >= 2)
                offenders.push(`${path.relative(repoRoot, file)}:${index + 1}: ${line.trim()}`);
            });
        }
      }
    };
    for (const dir of ['scripts', 'test/kit']) walk(path.join(repoRoot, dir));
    expect(offenders.filter((line) => !line.startsWith('scripts/resources/'))).toEqual([]);
  });
});
