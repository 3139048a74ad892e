/**
 * `preUserRegistration(overrides?, options?)`: a realistic signup event plus a recording `api`:
 *
 *   const signup = preUserRegistration({ user: { email: 'someone@blocked.example' } });
 *   await signup.run(onExecutePreUserRegistration);
 *   expect(signup.denied).toEqual({ reason: 'blocked domain', userMessage: 'Sign-ups from this domain are closed.' });
 *
 * Same contract as `postLogin`: `run()` rejects with the handler's error, or with a `ViolationsError`
 * unless the test opted into violations.
 */
import type {
  Event,
  PreUserRegistrationAPI,
  PreUserRegistrationEventData,
  PreUserRegistrationHandler,
  Secrets,
  SecretsShape,
} from '../../actions/types/pre-user-registration/v2';
import { ActionsCache, DEFAULT_CACHE_LIFETIME_MS } from '../../scripts/action-api/cache';
import { applyMetadataWrites, metadataSizeViolation } from '../../scripts/action-api/metadata';
import {
  createPreUserRegistrationApi,
  type Denial,
  type PreUserRegistrationRecord,
} from '../../scripts/action-api/pre-user-registration-api';
import {
  assertNoUnexpectedViolations,
  type RunOptions,
  secretsInLogs,
  type Violation,
} from '../../scripts/action-api/violations';
import { captureConsole, type LogEntry } from './console-capture';
import { type DeepPartial, deepMerge } from './deep-merge';
import { KIT_NOW } from './post-login-event';
import { defaultPreUserRegistrationEvent } from './pre-user-registration-event';

export type PreUserRegistrationOverrides<TSecrets> = DeepPartial<PreUserRegistrationEventData> & {
  secrets?: TSecrets;
};

export interface PreUserRegistrationOptions {
  allowViolations?: boolean;
  cache?: Record<string, string>;
  now?: number;
}

export class PreUserRegistrationTest<TSecrets extends SecretsShape = Secrets>
  implements PreUserRegistrationRecord
{
  /** The event as built for the test; the handler gets a copy, so its mutations do not show here. */
  readonly event: Event<TSecrets>;
  readonly cache: ActionsCache;
  readonly logs: LogEntry[] = [];
  readonly denials: Denial[] = [];
  readonly validationErrors: { code: string; message: string }[] = [];
  readonly metadataWrites: PreUserRegistrationRecord['metadataWrites'] = [];
  readonly violationsFound: Violation[] = [];
  readonly #options: PreUserRegistrationOptions;
  #ran = false;

  constructor(event: Event<TSecrets>, options: PreUserRegistrationOptions) {
    this.event = event;
    this.#options = options;
    const now = options.now ?? KIT_NOW;
    this.cache = new ActionsCache({
      initial: options.cache,
      defaultLifetimeMs: DEFAULT_CACHE_LIFETIME_MS.preUserRegistration,
      now: () => now,
    });
  }

  async run(handler: PreUserRegistrationHandler<TSecrets>, runOptions: RunOptions = {}): Promise<this> {
    if (this.#ran) throw new Error('run() was already called for this signup; build a new one');
    this.#ran = true;
    await captureConsole(this.logs, () => handler(structuredClone(this.event), this.#api()));
    const completion = [
      metadataSizeViolation('app_metadata', this.#writes('app_metadata')),
      metadataSizeViolation('user_metadata', this.#writes('user_metadata')),
    ].filter((v) => v !== undefined);
    this.violationsFound.push(
      ...completion,
      ...secretsInLogs(
        this.event.secrets,
        this.logs.map((entry) => entry.message),
      ),
    );
    assertNoUnexpectedViolations(
      this.violationsFound,
      Boolean(this.#options.allowViolations || runOptions.expectViolations),
    );
    return this;
  }

  /** `false`, or the first `access.deny(reason, userMessage)`. */
  get denied(): false | Denial {
    return this.denials[0] ?? false;
  }
  /** `false`, or the first `validation.error(code, message)`. */
  get validationError(): false | { code: string; message: string } {
    return this.validationErrors[0] ?? false;
  }
  /** The app_metadata the user will be created with. */
  get appMetadata(): Record<string, unknown> {
    return applyMetadataWrites(this.event.user.app_metadata, this.#writes('app_metadata'));
  }
  get userMetadata(): Record<string, unknown> {
    return applyMetadataWrites(this.event.user.user_metadata, this.#writes('user_metadata'));
  }
  get cacheContents(): Record<string, string> {
    return this.cache.contents();
  }
  get violations(): readonly Violation[] {
    return this.violationsFound;
  }

  #writes(target: 'app_metadata' | 'user_metadata') {
    return this.metadataWrites.filter((write) => write.target === target);
  }

  #api(): PreUserRegistrationAPI {
    return createPreUserRegistrationApi(this.event.user, this.cache, this);
  }
}

/** The event for `layers` of overrides: defaults, then each layer deep-merged in turn (secrets key by key). */
export function buildPreUserRegistrationEvent<TSecrets extends SecretsShape>(
  ...layers: PreUserRegistrationOverrides<Partial<TSecrets>>[]
): Event<TSecrets> {
  let data = defaultPreUserRegistrationEvent();
  const secrets: Record<string, string | undefined> = {};
  for (const { secrets: layerSecrets, ...eventOverrides } of layers) {
    data = deepMerge<PreUserRegistrationEventData>(data, eventOverrides);
    Object.assign(secrets, structuredClone(layerSecrets ?? {}));
  }
  return { ...data, configuration: {}, secrets: secrets as TSecrets };
}

function createPreUserRegistration<TSecrets extends SecretsShape = Secrets>(
  overrides: PreUserRegistrationOverrides<TSecrets> = {},
  options: PreUserRegistrationOptions = {},
): PreUserRegistrationTest<TSecrets> {
  return new PreUserRegistrationTest(buildPreUserRegistrationEvent<TSecrets>(overrides), options);
}

/** A factory with shared defaults (e.g. secrets) for one test file; see `postLogin.with`. */
function withDefaults<TSecrets extends SecretsShape>(
  base: PreUserRegistrationOverrides<TSecrets>,
  baseOptions: PreUserRegistrationOptions = {},
) {
  return (
    overrides: PreUserRegistrationOverrides<Partial<TSecrets>> = {},
    options: PreUserRegistrationOptions = {},
  ) =>
    new PreUserRegistrationTest(buildPreUserRegistrationEvent<TSecrets>(base, overrides), {
      ...baseOptions,
      ...options,
    });
}

export const preUserRegistration = Object.assign(createPreUserRegistration, { with: withDefaults });
