/**
 * The plan: what a deploy would change, resource by resource and field by field. Plain data that never
 * holds a secret value (write-only fields are compared by fingerprint and shown masked), so every
 * format of it is safe to print, post as a PR comment or keep as a CI artifact.
 */
import { UserError } from '../user-error';

/** Tenant resources in deploy-cli's shape: `{ clients: [...], tenant: {...}, triggers: {...} }`. */
export type TenantState = Record<string, unknown>;

export type ChangeAction = 'create' | 'update' | 'delete';

export interface FieldChange {
  /** Dotted path inside the resource: `refresh_token.idle_token_lifetime`, `secrets.USER_SYNC_TOKEN`. */
  path: string;
  /** Absent when the field is not set. A secret is never here: only SECRET_SET / SECRET_NEW markers. */
  before?: unknown;
  after?: unknown;
  /** A write-only field compared by fingerprint; before/after are markers, not values. */
  secret?: true;
}

export interface ResourceChange {
  type: string;
  /** What a person calls it: the name, `<client> -> <audience>` for a grant, the trigger id. */
  name: string;
  action: ChangeAction;
  /** For an update, what changes; for a create, what is set; empty for a delete. */
  fields: FieldChange[];
}

export interface Plan {
  /** Resource types the tenant file manages (the only ones read and written). */
  types: string[];
  /** Deletes first, then creates, then updates; each group in type order, then by name. */
  changes: ResourceChange[];
  /** Things the reader should know that are not changes (e.g. a secret that could not be compared). */
  notes: string[];
}

export const SECRET_SET = '(secret)';
export const SECRET_NEW = '(new secret value)';
export const SECRET_UNRECORDED = '(secret, no fingerprint recorded)';

/** The tenant asks for something the plan cannot do safely (an unknown resource type, a misplaced secret). */
export class PlanInputError extends UserError {}
