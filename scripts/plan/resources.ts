/**
 * The plan's view of the resource registry: how an item of each type is identified, and how the desired
 * item (deploy-cli's YAML after its own parsing) and the current one (as deploy-cli's handlers read it,
 * or as its dump writes it) are brought to the same vocabulary.
 */
import {
  RESOURCE_TYPES,
  type Rec,
  type Reference,
  type Refs,
  type ResourceType,
  resourceType,
} from '../resources/index';
import { isRecord } from './compare';
import { PlanInputError } from './types';

export type { Refs };

export function kindOf(type: string): ResourceType {
  const kind = resourceType(type);
  if (!kind) {
    throw new PlanInputError(
      `the plan does not know the resource type "${type}" yet; known: ${RESOURCE_TYPES.map((k) => k.key).join(', ')}`,
    );
  }
  return kind;
}

/** An item as the plan compares it: client ids named, then the type's own normalisation. */
export function prepareItem(kind: ResourceType, item: Rec, refs: Refs): Rec {
  const named = withClientNames(item, kind.references ?? [], refs);
  return kind.compare.normalize ? kind.compare.normalize(named, refs) : named;
}

/** Grants and connections name clients by id when read; the tenant file names them by name. */
function withClientNames(item: Rec, references: readonly Reference[], refs: Refs): Rec {
  let out = item;
  for (const reference of references) {
    if (reference.to !== 'clients') continue;
    const [field, rest] = reference.path.split('.');
    if (field === undefined) continue;
    const value = out[field];
    if (rest === '*' && Array.isArray(value)) {
      out = { ...out, [field]: value.map((id) => refs.clientName(String(id))) };
    } else if (rest === undefined && typeof value === 'string') {
      out = { ...out, [field]: refs.clientName(value) };
    }
  }
  return out;
}

/** Items of one section, in a list whatever the section's shape. */
export function itemsOf(kind: ResourceType, section: unknown): Rec[] {
  if (kind.shape === 'singleton') {
    const none = kind.compare.emptyIsNone && isRecord(section) && Object.keys(section).length === 0;
    return isRecord(section) && !none ? [section] : [];
  }
  if (kind.shape === 'map') {
    if (!isRecord(section)) return [];
    return Object.entries(section).map(([id, bindings]) => ({ id, bindings }));
  }
  return Array.isArray(section) ? section.filter(isRecord) : [];
}

/** Client names by id, from the clients as read: grants and connections name clients by id. */
export function clientRefs(clients: unknown, deployClientId: string | undefined): Refs {
  const names = new Map<string, string>();
  for (const client of Array.isArray(clients) ? clients : []) {
    if (isRecord(client) && typeof client.client_id === 'string' && typeof client.name === 'string') {
      names.set(client.client_id, client.name);
    }
  }
  return { clientName: (id) => names.get(id) ?? id, ...(deployClientId ? { deployClientId } : {}) };
}
