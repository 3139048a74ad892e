/**
 * Several tenants' exports made into one tenant.yaml and an environment file each: items matched by their
 * identity, a value that is the same everywhere written as it is, one that differs made a keyword named
 * after its place, with each environment's value in its file.
 *
 * An item only some tenants have cannot be one list entry (deploy-cli has no per-environment entries), so
 * a section whose tenants list different items is written as one keyword, `"@@CLIENTS@@"`, and each
 * environment file holds that environment's list: what the repository's ORGANIZATIONS keyword does.
 */
import { isDeepStrictEqual } from 'node:util';
import { isRecord, type Rec } from '../resources/define';
import { RESOURCE_TYPES } from '../resources/index';
import { AdoptedFile } from './adopted-file';
import { type Place, type PlaceNames, readablePlace, textMarker, upperSnake, valueMarker } from './places';
import type { TidyTenant } from './tidy';

export interface MergedTenants {
  /** tenant.yaml's sections, in the registry's order. */
  sections: Rec;
  /** Each environment's keywords. */
  keywords: Record<string, Rec>;
  keywordPlaces: { name: string; place: string }[];
  toggles: { section: string; keyword: string; items: Record<string, string[]> }[];
  /** Every file to write, by path relative to the repository. */
  files: Map<string, string>;
}

export function mergeTenants(
  tenants: readonly TidyTenant[],
  names: PlaceNames,
  tenantDir: string,
): MergedTenants {
  const envs = tenants.map((tenant) => tenant.env);
  const merged: MergedTenants = {
    sections: {},
    keywords: Object.fromEntries(envs.map((env) => [env, {}])),
    keywordPlaces: [],
    toggles: [],
    files: new Map(),
  };
  const setKeyword = (name: string, place: Place, values: readonly unknown[]) => {
    merged.keywordPlaces.push({ name, place: readablePlace(place) });
    values.forEach((value, index) => {
      const tenant = tenants[index] as TidyTenant;
      (merged.keywords[tenant.env] as Rec)[name] = materialize(value, tenant, merged.files, tenantDir);
    });
  };

  const mergeValue = (values: readonly unknown[], place: Place, noun: string): unknown => {
    const [first] = values;
    if (values.every((value) => sameValue(value, first)))
      return materialize(first, tenants[0] as TidyTenant, merged.files, tenantDir, true);
    if (values.every((value) => value instanceof AdoptedFile)) {
      const name = names.nameFor(place, noun);
      setKeyword(
        name,
        place,
        values.map((value, index) => (value as AdoptedFile).forEnvironment(envs[index] as string)),
      );
      return textMarker(name);
    }
    const records = values.every((value) => isRecord(value) && !(value instanceof AdoptedFile));
    if (records) {
      const keys = Object.keys(first as Rec);
      const sameKeys = values.every((value) =>
        isDeepStrictEqual(Object.keys(value as Rec).sort(), [...keys].sort()),
      );
      if (sameKeys) {
        return Object.fromEntries(
          keys.map((key) => [
            key,
            mergeValue(
              values.map((value) => (value as Rec)[key]),
              { ...place, path: [...place.path, key] },
              noun,
            ),
          ]),
        );
      }
    }
    const name = names.nameFor(place, noun);
    setKeyword(name, place, values);
    return values.every((value) => typeof value === 'string') ? textMarker(name) : valueMarker(name);
  };

  for (const type of RESOURCE_TYPES) {
    const present = tenants.filter((tenant) => tenant.sections[type.key] !== undefined);
    if (present.length === 0) continue;
    const values = tenants.map((tenant) => tenant.sections[type.key] ?? (type.shape === 'list' ? [] : {}));
    if (type.shape !== 'list') {
      merged.sections[type.key] = mergeValue(values, { section: type.key, path: [] }, type.noun);
      continue;
    }
    const refs = { clientName: (name: string) => name };
    const lists = values.map((value) => (Array.isArray(value) ? (value as Rec[]) : []));
    const identities = lists.map((list) => list.map((item) => type.identity(item, refs)));
    const firstIds = identities[0] ?? [];
    const sameItems = identities.every((ids) => isDeepStrictEqual([...ids].sort(), [...firstIds].sort()));
    if (!sameItems) {
      const keyword = names.nameFor({ section: type.key, path: [] }, type.noun, upperSnake(type.key));
      merged.toggles.push({
        section: type.key,
        keyword,
        items: Object.fromEntries(envs.map((env, index) => [env, identities[index] ?? []])),
      });
      setKeyword(keyword, { section: type.key, path: [] }, lists);
      merged.sections[type.key] = valueMarker(keyword);
      continue;
    }
    merged.sections[type.key] = firstIds.map((identity) =>
      mergeValue(
        lists.map((list, index) => list[(identities[index] ?? []).indexOf(identity)]),
        { section: type.key, item: identity, path: [] },
        type.noun,
      ),
    );
  }
  return merged;
}

function sameValue(left: unknown, right: unknown): boolean {
  if (left instanceof AdoptedFile || right instanceof AdoptedFile) {
    return (
      left instanceof AdoptedFile &&
      right instanceof AdoptedFile &&
      left.content === right.content &&
      left.kind === right.kind
    );
  }
  return isDeepStrictEqual(left, right);
}

/**
 * A value as a file holds it: each AdoptedFile replaced by its reference and recorded to be written (under
 * a name of the environment's own when another environment's text already has its path). In an
 * environment's own value, text naming the domain gets the domain back: a text keyword's value is
 * inserted as it is, so ##AUTH0_DOMAIN## inside it would stay unresolved.
 */
function materialize(
  value: unknown,
  tenant: TidyTenant,
  files: Map<string, string>,
  tenantDir: string,
  shared = false,
): unknown {
  if (value instanceof AdoptedFile) {
    const taken = files.get(value.repoPath);
    const file = taken !== undefined && taken !== value.content ? value.forEnvironment(tenant.env) : value;
    files.set(file.repoPath, file.content);
    return file.referenceFrom(tenantDir);
  }
  if (Array.isArray(value)) return value.map((item) => materialize(item, tenant, files, tenantDir, shared));
  if (isRecord(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, materialize(item, tenant, files, tenantDir, shared)]),
    );
  }
  if (typeof value === 'string' && !shared) return value.replaceAll('##AUTH0_DOMAIN##', tenant.domain);
  return value;
}
