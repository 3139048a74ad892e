/**
 * Test doubles of the login's services (authentication/contract.ts), small and scripted: the login flow's
 * end-to-end test drives the real flow against them while the real runtime, refresh-token store, log
 * delivery and social stand-in are built and tested on their own.
 */
import { randomBytes } from 'node:crypto';
import type {
  ActionsRuntime,
  CustomDatabaseOutcome,
  LoginLogInput,
  LoginLogs,
  LoginServices,
  PostLoginInput,
  PostLoginOutcome,
  RefreshExchange,
  RefreshGrant,
  RefreshTokens,
  SocialIdentityProvider,
} from '../../scripts/local-tenant/authentication/contract';
import type { JsonObject } from '../../scripts/local-tenant/state/types';

export type PostLoginScript = (input: PostLoginInput) => PostLoginOutcome;

export const completed = (
  input: PostLoginInput,
  extra: Partial<Extract<PostLoginOutcome, { kind: 'complete' }>> = {},
): PostLoginOutcome => ({
  kind: 'complete',
  idTokenClaims: {},
  accessTokenClaims: {},
  scopesAdded: [],
  scopesRemoved: [],
  appMetadata: input.user.app_metadata,
  userMetadata: input.user.user_metadata,
  actions: [],
  ...extra,
});

/** An Actions runtime answering what `postLogin` scripts say; a paused flow resumes as `resume` says. */
export class ScriptedActions implements ActionsRuntime {
  readonly postLoginInputs: PostLoginInput[] = [];
  readonly resumed: { flowId: string; query?: Record<string, string>; methods: string[] }[] = [];
  readonly customDatabaseCalls: { script: string; args: readonly string[] }[] = [];
  private readonly paused = new Map<string, PostLoginInput>();

  constructor(
    private readonly script: PostLoginScript,
    private readonly legacy: (email: string, password: string) => CustomDatabaseOutcome = () => ({
      kind: 'not-found',
    }),
  ) {}

  async postLogin(input: PostLoginInput): Promise<PostLoginOutcome> {
    this.postLoginInputs.push(input);
    const outcome = this.script(input);
    if (outcome.kind === 'paused') this.paused.set(outcome.flowId, input);
    return outcome;
  }

  async resumePostLogin(
    flowId: string,
    resumed: {
      query?: Record<string, string>;
      authenticationMethods: PostLoginInput['authenticationMethods'];
    },
  ): Promise<PostLoginOutcome> {
    const input = this.paused.get(flowId);
    this.paused.delete(flowId);
    this.resumed.push({
      flowId,
      methods: resumed.authenticationMethods.map((method) => method.name),
      ...(resumed.query ? { query: resumed.query } : {}),
    });
    if (!input) return { kind: 'failed', error: `unknown flow ${flowId}`, actions: [] };
    return completed(input, { idTokenClaims: { 'https://example.com/resumed': true } });
  }

  async preUserRegistration(input: Parameters<ActionsRuntime['preUserRegistration']>[0]) {
    if (input.user.email.endsWith('@mailinator.com')) {
      return {
        kind: 'denied' as const,
        reason: 'disposable email',
        userMessage: 'Disposable <addresses> are not accepted',
        actionName: 'registration-guard',
        actions: [],
      };
    }
    return { kind: 'allowed' as const, appMetadata: { plan: 'free' }, userMetadata: {}, actions: [] };
  }

  async customDatabase(
    _connection: JsonObject,
    script: 'login' | 'get_user',
    args: readonly string[],
  ): Promise<CustomDatabaseOutcome> {
    this.customDatabaseCalls.push({ script, args });
    return this.legacy(args[0] ?? '', args[1] ?? '');
  }

  async close(): Promise<void> {}
}

/** Rotating refresh tokens with reuse detection: a spent token presented again revokes its family. */
export class RotatingRefreshTokens implements RefreshTokens {
  private readonly tokens = new Map<
    string,
    { grant: RefreshGrant; family: string; spent: boolean; revoked: boolean }
  >();

  issue(
    _client: JsonObject,
    grant: RefreshGrant,
    _now: number,
    family = randomBytes(8).toString('hex'),
  ): string {
    const token = `rt_${randomBytes(16).toString('hex')}`;
    this.tokens.set(token, { grant, family, spent: false, revoked: false });
    return token;
  }

  exchange(client: JsonObject, token: string, now: number): RefreshExchange {
    const held = this.tokens.get(token);
    if (!held || held.revoked || held.grant.clientId !== client.client_id) return { kind: 'invalid' };
    if (held.spent) {
      for (const other of this.tokens.values()) if (other.family === held.family) other.revoked = true;
      return { kind: 'reused' };
    }
    held.spent = true;
    const presented = {
      id: held.family,
      clientId: held.grant.clientId,
      userId: held.grant.userId,
      createdAt: now,
      rotating: true,
    };
    return {
      kind: 'valid',
      grant: held.grant,
      rotated: this.issue(client, held.grant, now, held.family),
      token: presented,
    };
  }

  revoke(client: JsonObject, token: string): boolean {
    const held = this.tokens.get(token);
    if (!held || held.grant.clientId !== client.client_id) return false;
    for (const other of this.tokens.values()) if (other.family === held.family) other.revoked = true;
    return true;
  }
}

export class RecordedLogs implements LoginLogs {
  readonly events: LoginLogInput[] = [];
  emit(event: LoginLogInput): void {
    this.events.push(event);
  }
  async flush(): Promise<void> {}
  types(): string[] {
    return this.events.map((event) => event.type);
  }
}

/** A provider that approves at once: its "page" is the callback with a code naming the profile. */
export const approvingSocial: SocialIdentityProvider = {
  authorizeUrl: (_connection, callbackUrl, state) =>
    `${callbackUrl}?code=ok-4242&state=${encodeURIComponent(state)}`,
  redeem: async (_connection, code) =>
    code === 'ok-4242'
      ? { kind: 'profile', id: '4242', email: 'octo@example.com', emailVerified: true, name: 'Octo Cat' }
      : { kind: 'error', message: 'bad code' },
};

export function loginDoubles(
  script: PostLoginScript,
  legacy?: (email: string, password: string) => CustomDatabaseOutcome,
) {
  const actions = new ScriptedActions(script, legacy);
  const logs = new RecordedLogs();
  const refreshTokens = new RotatingRefreshTokens();
  const services: LoginServices = { actions, logs, refreshTokens, social: approvingSocial };
  return { actions, logs, refreshTokens, services };
}
