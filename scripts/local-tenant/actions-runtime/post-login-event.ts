/**
 * The post-login `event` an Action gets, built from the login's real state (`PostLoginInput`): pure, so
 * what an Action sees is tested without running one. Secrets are added per Action by the runtime.
 */
import type {
  AuthenticationMethod,
  PostLoginEventData,
  PostLoginOrganization,
  PostLoginRefreshToken,
  PostLoginRequest,
  PostLoginTransaction,
  PostLoginUser,
  RiskAssessment,
} from '../../../actions/types/post-login/v3';
import type { LocalUser, LoginRequest, PostLoginInput, RefreshTokenFacts } from '../authentication/contract';
import type { JsonObject } from '../state/types';
import { geoipOf } from './request-geo';

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Metadata as Auth0 hands it to Actions: string values only (clients, connections, organizations). */
function stringMetadata(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

/** The user as Auth0 shows it to an Action: no password hash, no authenticator secret. */
export function eventUser(user: LocalUser): PostLoginUser {
  const otp = user.totp?.confirmed === true;
  return {
    user_id: user.user_id,
    email: user.email,
    email_verified: user.email_verified,
    ...(user.name !== undefined ? { name: user.name } : {}),
    ...(user.given_name !== undefined ? { given_name: user.given_name } : {}),
    ...(user.family_name !== undefined ? { family_name: user.family_name } : {}),
    ...(user.nickname !== undefined ? { nickname: user.nickname } : {}),
    ...(user.picture !== undefined ? { picture: user.picture } : {}),
    created_at: user.created_at,
    updated_at: user.updated_at,
    identities: structuredClone(user.identities),
    app_metadata: structuredClone(user.app_metadata),
    user_metadata: structuredClone(user.user_metadata),
    multifactor: otp ? ['guardian'] : [],
    enrolledFactors: otp ? [{ type: 'otp' }] : [],
  };
}

/** The user's role names: on an organization login, that membership's roles only (as Auth0 does). */
export function roleNames(user: LocalUser, organization: JsonObject | undefined): string[] {
  if (!organization) return [...user.roles];
  const membership = user.organizations.find((entry) => entry.name === organization.name);
  return [...(membership?.roles ?? [])];
}

export function eventRequest(request: LoginRequest): PostLoginRequest {
  return {
    ip: request.ip,
    hostname: request.hostname,
    user_agent: request.userAgent,
    method: request.method,
    ...(request.language !== undefined ? { language: request.language } : {}),
    query: { ...request.query },
    body: {},
    geoip: geoipOf(request.ip) ?? {},
  };
}

function eventOrganization(organization: JsonObject): PostLoginOrganization {
  return {
    id: String(organization.id),
    name: String(organization.name),
    display_name: text(organization.display_name) ?? String(organization.name),
    metadata: stringMetadata(organization.metadata),
  };
}

function eventTransaction(input: PostLoginInput): PostLoginTransaction {
  const { transaction, request } = input;
  return {
    id: transaction.id,
    acr_values: [],
    locale: request.language?.split(',')[0]?.split('-')[0] ?? 'en',
    prompt: [...transaction.prompt],
    protocol: transaction.protocol ?? 'oidc-basic-profile',
    ...(transaction.redirectUri !== '' ? { redirect_uri: transaction.redirectUri } : {}),
    requested_scopes: [...transaction.scopes],
    response_mode: transaction.responseMode,
    response_type: [transaction.responseType],
    ...(transaction.state !== undefined ? { state: transaction.state } : {}),
    ui_locales: [],
    metadata: {},
  };
}

/** `event.refresh_token` on a refresh-token exchange: the token's family as the tenant keeps it. */
function eventRefreshToken(token: RefreshTokenFacts): PostLoginRefreshToken {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    id: token.id,
    client_id: token.clientId,
    user_id: token.userId,
    created_at: iso(token.createdAt),
    ...(token.expiresAt !== undefined ? { expires_at: iso(token.expiresAt) } : {}),
    ...(token.idleExpiresAt !== undefined ? { idle_expires_at: iso(token.idleExpiresAt) } : {}),
    ...(token.lastExchangedAt !== undefined ? { last_exchanged_at: iso(token.lastExchangedAt) } : {}),
    rotating: token.rotating,
  };
}

export interface EventContext {
  /** `event.tenant.id`. */
  tenantId: string;
  /** From the local risk profile of the request's IP. */
  riskAssessment: RiskAssessment;
}

export function buildPostLoginEvent(input: PostLoginInput, context: EventContext): PostLoginEventData {
  const { client, connection, organization } = input;
  const audience = text(input.resourceServer?.identifier);
  return {
    authentication: {
      methods: input.authenticationMethods.map((method) => ({ ...method }) as AuthenticationMethod),
      riskAssessment: structuredClone(context.riskAssessment),
    },
    authorization: { roles: roleNames(input.user, organization) },
    client: {
      client_id: String(client.client_id),
      name: String(client.name),
      metadata: stringMetadata(client.client_metadata),
    },
    connection: {
      id: String(connection.id),
      name: String(connection.name),
      strategy: String(connection.strategy),
      metadata: stringMetadata(connection.metadata),
    },
    ...(organization ? { organization: eventOrganization(organization) } : {}),
    request: eventRequest(input.request),
    ...(audience !== undefined ? { resource_server: { identifier: audience } } : {}),
    stats: { logins_count: input.user.logins_count },
    tenant: { id: context.tenantId },
    transaction: eventTransaction(input),
    ...(input.refreshToken ? { refresh_token: eventRefreshToken(input.refreshToken) } : {}),
    user: eventUser(input.user),
  };
}
