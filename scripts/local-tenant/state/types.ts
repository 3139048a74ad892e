import type { LocalUser, RefreshGrant } from '../authentication/contract';
import type { SigningKeyRecord } from '../authentication/signing-key';

/** A JSON object as the Management API sends and receives it. */
export type JsonObject = Record<string, unknown>;

export interface ActionSecret {
  name: string;
  /** Kept so a deploy could use it; the API never returns it (Auth0 secrets are write-only). */
  value: string;
  updated_at: string;
}

/** An immutable snapshot of an action, created by deploying it. */
export interface ActionVersion {
  id: string;
  number: number;
  code: string;
  runtime: string;
  dependencies: JsonObject[];
  secrets: { name: string; updated_at: string }[];
  supported_triggers: JsonObject[];
  modules?: JsonObject[];
  built_at: string;
  created_at: string;
  updated_at: string;
}

export interface ActionRecord {
  id: string;
  name: string;
  supported_triggers: JsonObject[];
  code: string;
  dependencies: JsonObject[];
  runtime: string;
  secrets: ActionSecret[];
  modules?: JsonObject[];
  created_at: string;
  updated_at: string;
  /** When the draft's build finishes: before it the action is `pending` and cannot be deployed. */
  built_at: string;
  versions: ActionVersion[];
  deployed_version_id: string | null;
  /** Whether the draft differs from the deployed version. */
  all_changes_deployed: boolean;
}

export interface TriggerBinding {
  id: string;
  trigger_id: string;
  action_id: string;
  display_name: string;
  created_at: string;
  updated_at: string;
}

export interface RolePermission {
  permission_name: string;
  resource_server_identifier: string;
}

export const ATTACK_PROTECTION_KINDS = [
  'brute-force-protection',
  'breached-password-detection',
  'suspicious-ip-throttling',
  'bot-detection',
  'captcha',
] as const;
export type AttackProtectionKind = (typeof ATTACK_PROTECTION_KINDS)[number];

export interface GuardianState {
  /** Factor name -> enabled. */
  factors: Record<string, boolean>;
  policies: string[];
  phoneSelectedProvider: JsonObject;
  phoneMessageTypes: JsonObject;
  /** `sms` and `phone` enrollment/verification message templates. */
  templates: Record<string, JsonObject>;
  /** Provider settings by `<factor>/<provider>` (`sms/twilio`, `push-notification/sns`), and factor settings by path (`duo/settings`). */
  providers: Record<string, JsonObject>;
}

/** Everything the local tenant holds; persisted as one JSON document. */
export interface TenantState {
  format: 'local-tenant/1';
  tenantName: string;
  /** HMAC key for what the tenant derives locally (connection secrets' hashes); local and throwaway. */
  signingKey: string;
  /** The RS256 key every token is signed with, served as the JWKS (its public half only). */
  tokenSigningKey: SigningKeyRecord;
  /** The machine-to-machine client the deploy engine signs in with. */
  deployClientId: string;
  /** The audience of the Management API as last bound (it moves with the port). */
  managementAudience: string;
  settings: JsonObject;
  clients: JsonObject[];
  clientCredentials: Record<string, JsonObject[]>;
  clientGrants: JsonObject[];
  resourceServers: JsonObject[];
  connections: JsonObject[];
  actions: ActionRecord[];
  bindings: Record<string, TriggerBinding[]>;
  roles: JsonObject[];
  rolePermissions: Record<string, RolePermission[]>;
  attackProtection: Record<AttackProtectionKind, JsonObject>;
  guardian: GuardianState;
  /** The email provider; `{}` while there is none (a field the registry declares: see withDeclaredFields). */
  emailProvider?: JsonObject;
  /** Universal Login's prompt settings, custom text and partials (declared by the registry too). */
  prompts?: PromptsState;
  /**
   * Paid features this tenant has beyond a free one's (`supplemental_signals`): a route of one it lacks
   * answers 403 as Auth0 does. Given by whoever starts the tenant (`LocalTenant.entitle`).
   */
  entitlements?: string[];
  /** The database and social users the login serves (authentication/users.ts); absent until the first. */
  users?: LocalUser[];
  /** The refresh tokens issued by logins (`authentication/refresh-tokens.ts`): hashes only, never a token. */
  refreshTokens?: RefreshTokenState;
}

/** One login's refresh tokens: the grant they continue and the lifetimes stamped when it was issued. */
export interface RefreshTokenFamily {
  id: string;
  clientId: string;
  grant: RefreshGrant;
  /** Milliseconds since the epoch: the start of the absolute lifetime. */
  createdAt: number;
  /** The last exchange of any of its tokens (the idle lifetime runs from here). */
  lastUsedAt: number;
  /** Seconds; absent when the lifetime is infinite. */
  absoluteLifetime?: number;
  idleLifetime?: number;
  revoked: boolean;
}

/** One refresh token, by the SHA-256 of its value. */
export interface RefreshTokenRecord {
  familyId: string;
  issuedAt: number;
  /** When it was exchanged for a rotated one; a spent token presented again is reuse, after the leeway. */
  spentAt?: number;
  /** The hashes of the tokens rotated from it. */
  children: string[];
}

export interface RefreshTokenState {
  families: Record<string, RefreshTokenFamily>;
  tokens: Record<string, RefreshTokenRecord>;
}

export interface PromptsState {
  settings?: JsonObject;
  /** `<prompt>` -> `<language>` -> the text, by screen. */
  customText?: Record<string, Record<string, JsonObject>>;
  /** `<prompt>` -> its partials, by screen. */
  partials?: Record<string, JsonObject>;
}
