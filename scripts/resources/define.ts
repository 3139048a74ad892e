/**
 * What the pipeline knows about one Auth0 resource type, declared once in its module beside this file
 * and read by every stage: the check (schema, references, secret paths), the seal and the plan (identity,
 * comparison, fingerprints), the engine (which deploy-cli handler, delete order), the local tenant
 * (routes) and the README's scope table.
 */
import type { RouteList } from '../local-tenant/api/common';
import type { ChangeAction } from '../plan/types';
import type { PolicyRule } from '../tenant/policy/rule';
import type { JsonSchema } from '../tenant/schema/common';

export type Rec = Record<string, unknown>;

export interface Refs {
  /** A client's name from its id; names and unknown ids come back unchanged. */
  clientName: (idOrName: string) => string;
  /** The client the deploy signs in with: deploy-cli never touches it, nor do we. */
  deployClientId?: string;
}

/**
 * A field that holds a secret. `path` is dotted, with `*` for any key or list index:
 * `secrets.*.value`, `options.configuration.*`, `signing_secret`.
 */
export interface SecretPath {
  path: string;
  /**
   * Whether Auth0 answers a read with the value. A returned secret is compared as read; one that is never
   * returned is compared by the fingerprint the last deploy recorded in the type's carrier.
   */
  returned: boolean;
  /**
   * `always`: the value must come from `secrets:` (an environment variable). `by-name`: only when its name
   * looks like a secret (an Action secret or a database setting named `..._TOKEN`, `..._KEY`); otherwise a
   * plain keyword may fill it.
   */
  sensitive: 'always' | 'by-name';
  /**
   * What a value here is called in messages, followed by its own name (`action secret USER_SYNC_TOKEN`):
   * the key for a `*` at the end, else the `name` beside it. Without a label: `client_secret of "SPA"`.
   */
  label?: string;
}

/**
 * A field whose value names a file beside tenant.yaml holding the text Auth0 is given: a page's HTML, an
 * email template's body. deploy-cli reads the file relative to the YAML file, with keywords replaced
 * inside; so do we, and a file outside tenant/ is refused.
 */
export interface FileField {
  /** Dotted, with `*` for list items: `html`, `body`, `templates.*.body`. */
  path: string;
  /** What the file is, in messages: `page`, `email template body`. */
  what: string;
  /** The text must parse as this (deploy-cli JSON.parses a form's body): the check refuses it otherwise. */
  format?: 'json';
  /**
   * Keys anywhere inside the parsed JSON whose value names an item of another type, as deploy-cli resolves
   * them (a flow's `connection_id`, looked up by the vault connection's name wherever it sits in the flow).
   */
  references?: readonly { key: string; to: string }[];
}

/** Where a type records the fingerprints of its never-returned secrets (see plan/fingerprints.ts). */
export type Carrier = { kind: 'code' } | { kind: 'metadata'; field: string };

/** A field naming an item of another type, as deploy-cli resolves it: by that item's identity. */
export interface Reference {
  /** Dotted, with `*` for list items: `client_id`, `enabled_clients.*`. */
  path: string;
  to: string;
  /** Values that name something outside the tenant file and are fine as they are (the Management API). */
  external?: (value: string) => boolean;
}

export interface Compare {
  /** List paths whose order matters; every other list is compared as a set. */
  ordered?: readonly string[];
  /** Brings an item (as written, or as read from the tenant) to one vocabulary. */
  normalize?: (item: Rec, refs: Refs) => Rec;
  /** Items the tenant has that are not ours to touch (system resources, the deploy's own client). */
  ignore?: (item: Rec, refs: Refs) => boolean;
  /** What an item the tenant file does not list amounts to, for items that always exist (a trigger). */
  absent?: (key: string) => Rec;
  /**
   * Top-level fields deploy-cli sends with a create only (its handler strips them from an update): a
   * difference in one on an existing item cannot be deployed, so the plan notes it instead of planning an
   * update that would not take.
   */
  createOnly?: readonly string[];
  /** Whether an item the tenant file no longer lists is a delete (some resources cannot be deleted). */
  deletable: boolean;
  /**
   * A settings object the tenant may have none of (the email provider): `{}`, in the file or as read,
   * means none. With `deletable`, a file's `{}` plans the delete of the one the tenant has.
   */
  emptyIsNone?: boolean;
}

/** An item made into what a repository writes, and what was taken out of it, with why (`flatten`). */
export interface Flattened {
  item: Rec | undefined;
  removed: { path: string[]; why: string }[];
}

export interface LocalTenantOptions {
  /** How long an Action's build takes before it can be deployed. */
  actionBuildMs: number;
}

export interface ResourceDefinition {
  /** The `tenant.yaml` section; also the deploy-cli handler's type unless `handler` says otherwise. */
  key: string;
  /** The name the README's tables use when the key alone does not say it (`guardianFactors (MFA factors)`). */
  title?: string;
  /** What one item is called in messages and rule ids: `client`, `API`, `action`. */
  noun: string;
  /**
   * The field that names an item, when one does (`name`, `identifier`): two items with the same value in
   * one Auth0 collection are refused by the check, as deploy-cli would match both to one.
   */
  identityField?: string;
  /** The Auth0 collection its items live in, when types share one (`databases` and `connections`). */
  collection?: string;
  /** A list of named items, one settings object, or a map of id -> value (triggers). */
  shape: 'list' | 'singleton' | 'map';
  /** The Management API calls deploy-cli's handler makes, for the README (markdown). */
  calls: string;
  /**
   * The call a create, an update and a delete of one item makes first (`POST /organizations`), for a type
   * whose writes fall in an endpoint group with a bucket of its own (scripts/rate-limits/groups.ts): the
   * plan works out from them the least time the deploy takes.
   */
  writeRoutes?: Readonly<Partial<Record<ChangeAction, string>>>;
  scopes: { read: readonly string[]; write: readonly string[]; remove: readonly string[] };
  schema: JsonSchema;
  /** What names an item: a name, an identifier, `<client> -> <audience>`, the type itself for a singleton. */
  identity: (item: Rec, refs: Refs) => string;
  references?: readonly Reference[];
  secrets?: readonly SecretPath[];
  carrier?: Carrier;
  /**
   * Fields holding code or a page the resource runs or renders (dotted patterns): the plan sums up their
   * changes as lines added and removed, with a unified diff in markdown, instead of printing them whole.
   */
  codeFields?: readonly string[];
  /** Fields naming a file whose text is the value (see FileField); the plan shows them as code. */
  files?: readonly FileField[];
  compare: Compare;
  /**
   * An item as read (deploy-cli's export) made into one this repository would write, for `npm run adopt`:
   * what Auth0 fills in that no one configured is taken out, each removal with its reason for the report.
   * Ids, states and fields no schema has are removed without it; this is for what the schema allows. An
   * item that holds nothing anyone set (only Auth0's defaults) comes back `undefined`: it is not adopted.
   */
  flatten?: (item: Rec) => Flattened;
  /** A settings object deploy-cli writes with one call per top-level part: only changed parts are sent. */
  writtenInParts?: boolean;
  /** Security policy rules of this type, run by the check with the others (and waivable the same way). */
  policy?: readonly PolicyRule[];
  /** Types whose items this type's items refer to: created before it, deleted after it. */
  after?: readonly string[];
  /** The fields of the local tenant's state file that hold this type's items (checked when it is read). */
  localState: readonly { field: string; shape: 'list' | 'object' }[];
  /** The local tenant's routes for this type (below /api/v2); or `servedBy`. */
  localRoutes?: (options: LocalTenantOptions) => RouteList;
  /**
   * Types whose local routes serve this one, when its items are fields of theirs (pages are fields of
   * tenant settings and of the global client).
   */
  servedBy?: readonly string[];
}

export type ResourceType = Readonly<ResourceDefinition> & { handler: string };

export function defineResource(definition: ResourceDefinition & { handler?: string }): ResourceType {
  return { ...definition, handler: definition.handler ?? definition.key };
}

/** One settings object per tenant: it is always there, so it cannot be deleted. */
export const singletonIdentity = (key: string) => () => key;

export const byName = (item: Rec): string => String(item.name ?? '');

export function isRecord(value: unknown): value is Rec {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
