/**
 * `postLogin(overrides?, options?)`: a realistic post-login event plus a recording `api`; `run(handler)`
 * executes the Action and the result is read from the returned object:
 *
 *   const login = postLogin({ user: { app_metadata: { roles: ['admin'] } }, risk: { NewDevice: 'no_match' } });
 *   await login.run(onExecutePostLogin);
 *   expect(login.mfa).toEqual({ provider: 'any', allowRememberBrowser: false });
 *   expect(login.idToken.claims).toEqual({ 'https://example.com/roles': ['admin'] });
 *
 * A login through an organization: `postLogin({ organization: {} })` (the kit's, `defaultOrganization()`),
 * or with some of its fields changed (`{ organization: { name: 'globex', ... } }`).
 *
 * `run()` rejects with the handler's error if it throws, and with a `ViolationsError` if the handler did
 * something Auth0 would not honour, unless the test opted in (`{ allowViolations: true }` here or
 * `run(handler, { expectViolations: true })`) and asserts on `.violations`.
 */
import type {
  Event,
  PostLoginEventData,
  PostLoginHandler,
  RiskAssessment,
  Secrets,
  SecretsShape,
} from '../../actions/types/post-login/v3';
import { ActionsCache, DEFAULT_CACHE_LIFETIME_MS } from '../../scripts/action-api/cache';
import { applyMetadataWrites, metadataSizeViolation } from '../../scripts/action-api/metadata';
import {
  createPostLoginApi,
  emptyPostLoginRecord,
  type MfaCommand,
  type MfaRequirement,
  type PostLoginRecord,
} from '../../scripts/action-api/post-login-api';
import { type RiskShorthand, riskAssessment } from '../../scripts/action-api/risk';
import { claimsSizeViolation } from '../../scripts/action-api/token-claims';
import {
  assertNoUnexpectedViolations,
  type RunOptions,
  secretsInLogs,
  type Violation,
} from '../../scripts/action-api/violations';
import { captureConsole, type LogEntry } from './console-capture';
import { type DeepPartial, deepMerge } from './deep-merge';
import { defaultOrganization, defaultPostLoginEvent, KIT_NOW } from './post-login-event';

export type PostLoginOverrides<TSecrets> = DeepPartial<PostLoginEventData> & {
  secrets?: TSecrets;
  /** Risk assessment shorthand (see `risk.ts`); `null` removes `authentication.riskAssessment`. */
  risk?: RiskShorthand | null;
};

export interface PostLoginOptions {
  /** The test asserts on `.violations`; `run()` does not fail on them. */
  allowViolations?: boolean;
  /** Project policy, stricter than Auth0: custom claims must be namespaced (see `token-claims.ts`). */
  requireNamespacedClaims?: boolean;
  /** Cache entries present before the handler runs. */
  cache?: Record<string, string>;
  /** Rule ids `api.rules.wasExecuted()` reports as executed. */
  rulesExecuted?: string[];
  /** The clock, ms since the epoch (default 2024-05-14T09:30:00Z). */
  now?: number;
}

export class PostLoginTest<TSecrets extends SecretsShape = Secrets> {
  /** The event as built for the test; the handler gets a copy, so its mutations do not show here. */
  readonly event: Event<TSecrets>;
  /** The copy the handler receives (made by `run`); Auth0 updates it live for transaction/session metadata. */
  #handlerEvent: Event<TSecrets>;
  readonly cache: ActionsCache;
  /** Console output of the handler, captured instead of printed. */
  readonly logs: LogEntry[] = [];
  readonly #record: PostLoginRecord;
  readonly #options: PostLoginOptions;
  #ran = false;

  constructor(event: Event<TSecrets>, options: PostLoginOptions) {
    this.event = event;
    this.#handlerEvent = event;
    this.#options = options;
    const now = options.now ?? KIT_NOW;
    this.cache = new ActionsCache({
      initial: options.cache,
      defaultLifetimeMs: DEFAULT_CACHE_LIFETIME_MS.postLogin,
      now: () => now,
    });
    this.#record = emptyPostLoginRecord(event as Event);
  }

  /** Runs `handler` (onExecutePostLogin or onContinuePostLogin) once against this login. */
  async run(handler: PostLoginHandler<TSecrets>, runOptions: RunOptions = {}): Promise<this> {
    if (this.#ran)
      throw new Error('run() was already called for this login; build a new one with postLogin()');
    this.#ran = true;
    this.#handlerEvent = structuredClone(this.event);
    const event = this.#handlerEvent as Event;
    const api = createPostLoginApi(event, this.#record, {
      claimRules: {
        audience: event.resource_server?.identifier,
        tenantHostnames: [event.request.hostname, event.custom_domain?.domain].filter(isString),
        requireNamespacedClaims: this.#options.requireNamespacedClaims ?? false,
      },
      cache: this.cache,
      rulesExecuted: this.#options.rulesExecuted ?? [],
      now: () => this.#options.now ?? KIT_NOW,
    });
    await captureConsole(this.logs, () => handler(this.#handlerEvent, api));
    this.#record.violations.push(...this.#completionViolations());
    assertNoUnexpectedViolations(
      this.violations,
      Boolean(this.#options.allowViolations || runOptions.expectViolations),
    );
    return this;
  }

  /** `false`, or the (first) reason the login was denied (access.deny, session/refresh token revoke). */
  get denied(): false | { reason: string } {
    return this.#record.denials[0] ?? false;
  }
  get denials(): readonly { reason: string }[] {
    return this.#record.denials;
  }
  get idToken() {
    return this.#record.idToken;
  }
  get accessToken() {
    return this.#record.accessToken;
  }
  /** `false`, or the last `multifactor.enable(provider, options)` as `{ provider, ...options }`. */
  get mfa(): false | MfaRequirement {
    return this.#record.mfaRequirements.at(-1) ?? false;
  }
  get mfaRequirements(): readonly MfaRequirement[] {
    return this.#record.mfaRequirements;
  }
  /** All challengeWith/challengeWithAny/enrollWith/enrollWithAny calls, in order. */
  get mfaCommands(): readonly MfaCommand[] {
    return this.#record.mfaCommands;
  }
  get challenges(): readonly MfaCommand[] {
    return this.#record.mfaCommands.filter((c) => c.method.startsWith('challenge'));
  }
  get enrollments(): readonly MfaCommand[] {
    return this.#record.mfaCommands.filter((c) => c.method.startsWith('enroll'));
  }
  /** The user's app_metadata once Auth0 applies the handler's writes. */
  get appMetadata(): Record<string, unknown> {
    return applyMetadataWrites(this.event.user.app_metadata, this.#writes('app_metadata'));
  }
  get userMetadata(): Record<string, unknown> {
    return applyMetadataWrites(this.event.user.user_metadata, this.#writes('user_metadata'));
  }
  get metadataWrites() {
    return this.#record.metadataWrites;
  }
  /** `false`, or the last `redirect.sendUserTo()` as `{ url, query }`. */
  get redirect() {
    return this.#record.redirects.at(-1) ?? false;
  }
  get redirects() {
    return this.#record.redirects;
  }
  /** `false`, or the first `validation.error(code, message)`. */
  get validationError(): false | { code: string; message: string } {
    return this.#record.validationErrors[0] ?? false;
  }
  get cacheContents(): Record<string, string> {
    return this.cache.contents();
  }
  get session() {
    return this.#record.session;
  }
  get refreshToken() {
    return this.#record.refreshToken;
  }
  get primaryUser() {
    return this.#record.primaryUser;
  }
  get recordedMethods() {
    return this.#record.recordedMethods;
  }
  get prompts() {
    return this.#record.prompts;
  }
  get saml() {
    return this.#record.saml;
  }
  /** `event.transaction.metadata` as later Actions of the flow would see it. */
  get transactionMetadata() {
    return this.#handlerEvent.transaction?.metadata ?? {};
  }
  get violations(): readonly Violation[] {
    return this.#record.violations;
  }

  #writes(target: 'app_metadata' | 'user_metadata') {
    return this.#record.metadataWrites.filter((write) => write.target === target);
  }

  #completionViolations(): Violation[] {
    const found = [
      claimsSizeViolation('idToken', this.#record.idToken),
      claimsSizeViolation('accessToken', this.#record.accessToken),
      metadataSizeViolation('app_metadata', this.#writes('app_metadata')),
      metadataSizeViolation('user_metadata', this.#writes('user_metadata')),
    ].filter((v) => v !== undefined);
    const messages = this.logs.map((entry) => entry.message);
    return [...found, ...secretsInLogs(this.event.secrets, messages)];
  }
}

const isString = (value: string | undefined): value is string => typeof value === 'string';

/**
 * The event for `layers` of overrides (a `postLogin.with` base, then the test's): defaults, each layer
 * deep-merged in turn, then the risk shorthand (risk and secrets merge key by key across layers).
 */
export function buildPostLoginEvent<TSecrets extends SecretsShape>(
  ...layers: PostLoginOverrides<Partial<TSecrets>>[]
): Event<TSecrets> {
  let data = defaultPostLoginEvent();
  let risk: RiskShorthand | null | undefined;
  let riskOverrides: DeepPartial<RiskAssessment> | undefined;
  const secrets: Record<string, string | undefined> = {};
  for (const { secrets: layerSecrets, risk: layerRisk, ...eventOverrides } of layers) {
    // An organization given in part is a login through the kit's organization, with those fields changed.
    if (eventOverrides.organization && !data.organization) data.organization = defaultOrganization();
    data = deepMerge<PostLoginEventData>(data, eventOverrides);
    Object.assign(secrets, structuredClone(layerSecrets ?? {}));
    if (layerRisk !== undefined) risk = layerRisk === null || !risk ? layerRisk : { ...risk, ...layerRisk };
    const layerRiskOverrides = eventOverrides.authentication?.riskAssessment;
    if (layerRiskOverrides)
      riskOverrides = deepMerge<DeepPartial<RiskAssessment>>(riskOverrides ?? {}, layerRiskOverrides);
  }
  if (risk !== undefined) {
    data.authentication ??= { methods: [] };
    if (risk === null) delete data.authentication.riskAssessment;
    else
      data.authentication.riskAssessment = deepMerge<RiskAssessment>(
        riskAssessment(risk, data.request.ip),
        riskOverrides,
      );
  }
  return { ...data, configuration: {}, secrets: secrets as TSecrets };
}

function createPostLogin<TSecrets extends SecretsShape = Secrets>(
  overrides: PostLoginOverrides<TSecrets> = {},
  options: PostLoginOptions = {},
): PostLoginTest<TSecrets> {
  return new PostLoginTest(buildPostLoginEvent<TSecrets>(overrides), options);
}

/**
 * A factory with shared defaults for one test file, e.g. the Action's secrets:
 * `const login = postLogin.with({ secrets: { CLAIMS_NAMESPACE: 'https://example.com/' } });`
 * then `login({ user: { ... } })`. The test's overrides apply over the base (secrets and risk key by key).
 */
function withDefaults<TSecrets extends SecretsShape>(
  base: PostLoginOverrides<TSecrets>,
  baseOptions: PostLoginOptions = {},
) {
  return (overrides: PostLoginOverrides<Partial<TSecrets>> = {}, options: PostLoginOptions = {}) =>
    new PostLoginTest(buildPostLoginEvent<TSecrets>(base, overrides), { ...baseOptions, ...options });
}

export const postLogin = Object.assign(createPostLogin, { with: withDefaults });
