import { RESOURCE_TYPES } from '../../resources/index';

/**
 * Gives a state every field the registry's types declare (`localState`) that it lacks, empty: a new
 * tenant, and a state file saved before a type was added, then hold that type's (empty) list or object.
 */
export function withDeclaredFields<T extends object>(state: T): T {
  const fields: Record<string, unknown> = {};
  for (const { field, shape } of RESOURCE_TYPES.flatMap((type) => type.localState)) {
    if (!(field in state)) fields[field] = shape === 'list' ? [] : {};
  }
  return Object.assign(state, fields);
}
