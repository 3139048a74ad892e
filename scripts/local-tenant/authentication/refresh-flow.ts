/**
 * The post-login Actions on a refresh-token exchange. Auth0 runs the post-login trigger there too, with
 * `event.transaction.protocol` `oauth2-refresh-token` and `event.refresh_token` set
 * (https://auth0.com/docs/secure/tokens/refresh-tokens/manage-refresh-tokens-actions): claims an Action adds
 * land on the refreshed tokens, and an Action can deny the exchange. No page can be shown there, so an
 * Action that asks for MFA or a redirect fails the exchange; Auth0's guide shows Actions skipping MFA on
 * this protocol for that reason (https://auth0.com/docs/secure/tokens/refresh-tokens/use-refresh-tokens,
 * "Bypass MFA"), as our risk-based-mfa and user-sync Actions do.
 */
import { randomBytes } from 'node:crypto';
import type { JsonObject, TenantState } from '../state/types';
import type { LocalUser, LoginRequest, LoginServices, PostLoginOutcome, RefreshExchange } from './contract';
import type { CompletedFlow } from './sessions';
import { findApi, findConnection, findOrganization } from './tenant-lookup';
import { type OAuthReply, oauthError } from './token-endpoint';

type ValidExchange = Extract<RefreshExchange, { kind: 'valid' }>;

export interface RefreshFlowRequest {
  state: TenantState;
  services: LoginServices;
  client: JsonObject;
  user: LocalUser;
  exchange: ValidExchange;
  /** The scopes the refreshed tokens will carry. */
  scopes: readonly string[];
  request: LoginRequest;
  now: number;
}

/** What the flow decided: the Actions' additions for the tokens, or the answer refusing the exchange. */
export type RefreshFlowResult = { flow: CompletedFlow } | { refused: OAuthReply };

/**
 * Why the exchange is refused: a denial, a failure, or an Action that needs a page (a redirect, or MFA now
 * or after the flow).
 */
function refusalOf(outcome: PostLoginOutcome): OAuthReply {
  if (outcome.kind === 'denied') return oauthError(403, 'access_denied', outcome.reason);
  if (outcome.kind === 'failed') return oauthError(500, 'server_error', outcome.error);
  const asks = outcome.kind === 'paused' && !outcome.mfa ? 'a redirect' : 'MFA';
  return oauthError(
    403,
    'access_denied',
    `an Action (${outcome.actions.at(-1)?.actionName ?? 'post-login'}) asked for ${asks} during a refresh-token exchange, which shows no page`,
  );
}

export async function runRefreshFlow(request: RefreshFlowRequest): Promise<RefreshFlowResult> {
  const { state, user, client, exchange } = request;
  const connection = findConnection(state, user.connection);
  if (!connection) {
    return { refused: oauthError(403, 'invalid_grant', 'Unknown or invalid refresh token.') };
  }
  const organization = findOrganization(state, exchange.grant.organizationId);
  const resourceServer = findApi(state, exchange.grant.audience);
  const outcome = await request.services.actions.postLogin({
    user,
    client,
    connection,
    request: request.request,
    transaction: {
      id: randomBytes(16).toString('base64url'),
      clientId: String(client.client_id),
      redirectUri: '',
      responseType: 'code',
      responseMode: 'query',
      scopes: [...request.scopes],
      prompt: [],
      createdAt: request.now,
      protocol: 'oauth2-refresh-token',
      ...(exchange.grant.audience !== undefined ? { audience: exchange.grant.audience } : {}),
      ...(exchange.grant.organizationId !== undefined
        ? { organizationId: exchange.grant.organizationId }
        : {}),
    },
    authenticationMethods: [
      { name: 'pwd', timestamp: new Date(exchange.grant.authTime * 1000).toISOString() },
    ],
    refreshToken: exchange.token,
    now: request.now,
    ...(organization ? { organization } : {}),
    ...(resourceServer ? { resourceServer } : {}),
  });
  if (outcome.kind !== 'complete' || outcome.mfa) return { refused: refusalOf(outcome) };
  user.app_metadata = outcome.appMetadata;
  user.user_metadata = outcome.userMetadata;
  return { flow: outcome };
}
