/**
 * One entry per resource type the plan understands: how an item is identified, how the desired item
 * (deploy-cli's YAML after its own parsing) and the current one (as deploy-cli's handlers read it, or as
 * its dump writes it) are brought to the same vocabulary, and which current items are not ours to touch.
 * A new resource type adds one entry here.
 */
import { isRecord, type Rec } from './compare';
import { PlanInputError } from './types';

export interface Refs {
  /** A client's name from its id; names and unknown ids come back unchanged. */
  clientName: (idOrName: string) => string;
  /** The client the deploy signs in with: deploy-cli never touches it, nor do we. */
  deployClientId?: string;
}

export interface ResourceKind {
  type: string;
  /** A list of named items, one settings object, or a map of id -> value (triggers). */
  shape: 'list' | 'singleton' | 'map';
  key: (item: Rec, refs: Refs) => string;
  normalize?: (item: Rec, refs: Refs) => Rec;
  /** Current items that are not managed (system resources, the deploy's own client). */
  ignore?: (item: Rec, refs: Refs) => boolean;
  /** Whether an item the tenant file no longer lists is a delete (some resources cannot be deleted). */
  deletable: boolean;
  /** List paths whose order matters. */
  ordered?: readonly string[];
  /** Where write-only fields record their fingerprints. */
  carrier?: 'code' | 'metadata';
  /** What an item the tenant does not list amounts to, for items that always exist (a trigger). */
  absent?: (key: string) => Rec;
}

const byName = (item: Rec) => String(item.name ?? '');
const settings = (type: string): ResourceKind => ({
  type,
  shape: 'singleton',
  key: () => type,
  deletable: false,
});

const SESSION_DURATIONS = [
  'session_lifetime',
  'idle_session_lifetime',
  'ephemeral_session_lifetime',
  'idle_ephemeral_session_lifetime',
];

/** deploy-cli writes session durations in minutes; a dump (and older tenants) give hours. */
function tenantInMinutes(tenant: Rec): Rec {
  const out = { ...tenant };
  for (const field of SESSION_DURATIONS) {
    const hours = out[field];
    if (typeof hours === 'number' && out[`${field}_in_minutes`] === undefined) {
      out[`${field}_in_minutes`] = Math.round(hours * 60);
    }
    delete out[field];
  }
  return out;
}

function withClientNames(item: Rec, refs: Refs): Rec {
  if (!Array.isArray(item.enabled_clients)) return item;
  return { ...item, enabled_clients: item.enabled_clients.map((id) => refs.clientName(String(id))) };
}

const connectionKind = (type: string): ResourceKind => ({
  type,
  shape: 'list',
  key: byName,
  normalize: withClientNames,
  deletable: true,
  carrier: 'metadata',
});

export const RESOURCE_KINDS: readonly ResourceKind[] = [
  // The first enabled locale is the tenant's default language: its order is a setting.
  { ...settings('tenant'), normalize: tenantInMinutes, ordered: ['enabled_locales'] },
  {
    type: 'clients',
    shape: 'list',
    key: byName,
    ignore: (client, refs) =>
      client.client_id === refs.deployClientId ||
      client.global === true ||
      client.name === 'All Applications',
    deletable: true,
  },
  {
    type: 'resourceServers',
    shape: 'list',
    key: (server) => String(server.identifier ?? server.name ?? ''),
    ignore: (server) => server.is_system === true || server.name === 'Auth0 Management API',
    deletable: true,
  },
  {
    type: 'clientGrants',
    shape: 'list',
    key: (grant, refs) =>
      `${refs.clientName(String(grant.client_id ?? grant.default_for ?? ''))} -> ${grant.audience}`,
    normalize: (grant, refs) =>
      typeof grant.client_id === 'string' ? { ...grant, client_id: refs.clientName(grant.client_id) } : grant,
    ignore: (grant, refs) => grant.client_id === refs.deployClientId || grant.is_system === true,
    deletable: true,
  },
  { type: 'roles', shape: 'list', key: byName, deletable: true },
  connectionKind('databases'),
  connectionKind('connections'),
  settings('attackProtection'),
  { type: 'guardianFactors', shape: 'list', key: byName, deletable: false },
  settings('guardianPolicies'),
  {
    type: 'actions',
    shape: 'list',
    key: byName,
    normalize: (action) => {
      const { all_changes_deployed: allDeployed, ...rest } = action;
      return rest.deployed === undefined && typeof allDeployed === 'boolean'
        ? { ...rest, deployed: allDeployed }
        : rest;
    },
    // Marketplace actions are installed from Auth0's marketplace; deploy-cli does not manage them either.
    ignore: (action) => isRecord(action.integration),
    deletable: true,
    carrier: 'code',
  },
  {
    type: 'triggers',
    shape: 'map',
    key: (trigger) => String(trigger.id),
    deletable: false,
    ordered: ['bindings'],
    // deploy-cli leaves out triggers with no binding; every trigger exists in Auth0.
    absent: (id) => ({ id, bindings: [] }),
  },
];

export function kindOf(type: string): ResourceKind {
  const kind = RESOURCE_KINDS.find((candidate) => candidate.type === type);
  if (!kind) {
    throw new PlanInputError(
      `the plan does not know the resource type "${type}" yet; known: ${RESOURCE_KINDS.map((k) => k.type).join(', ')}`,
    );
  }
  return kind;
}

/** Items of one section, in a list whatever the section's shape. */
export function itemsOf(kind: ResourceKind, section: unknown): Rec[] {
  if (kind.shape === 'singleton') return isRecord(section) ? [section] : [];
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
