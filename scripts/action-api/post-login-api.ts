/**
 * A recording post-login `api`: every call lands in a `PostLoginRecord`, under Auth0's rules (claims,
 * scopes, MFA command limit, deny twice, primary user once, metadata must be an object). What Auth0's
 * runtime throws for, this throws for too; what Auth0 silently ignores or fails the login for becomes a
 * violation.
 */
import type {
  EnableMultifactorOptions,
  EnrollmentFactorSelector,
  Event,
  FactorSelector,
  MultifactorProvider,
  PostLoginAPI,
  SAMLResponseAPI,
  SamlAttributeValue,
} from '../../actions/types/post-login/v3';
import type { ActionsCache } from './cache';
import { isPlainObject } from './plain-object';
import { createRedirectApi, type RedirectRecord } from './post-login-redirect';
import {
  createRefreshTokenApi,
  createSessionApi,
  type RefreshTokenRecord,
  type SessionRecord,
} from './post-login-session';
import {
  type AccessTokenState,
  type ClaimRuleContext,
  recordClaim,
  type TokenState,
  validScope,
} from './token-claims';
import type { Violation } from './violations';

/** The brief's figure for challenge/enrol commands per flow; not found in Auth0's current docs (see report). */
export const MAX_MFA_COMMANDS = 4;
const MAX_PRIMARY_USER_ID_LENGTH = 128;

export type MfaRequirement = { provider: MultifactorProvider } & EnableMultifactorOptions;

export type MfaCommand =
  | { method: 'challengeWith'; factor: FactorSelector; additionalFactors: FactorSelector[] }
  | { method: 'challengeWithAny'; factors: FactorSelector[] }
  | { method: 'enrollWith'; factor: EnrollmentFactorSelector; additionalFactors: EnrollmentFactorSelector[] }
  | { method: 'enrollWithAny'; factors: EnrollmentFactorSelector[] };

export interface MetadataWrite {
  target: 'app_metadata' | 'user_metadata';
  key: string;
  /** `null` deletes the key. */
  value: unknown;
}

export interface PostLoginRecord {
  denials: { reason: string }[];
  idToken: TokenState;
  accessToken: AccessTokenState;
  mfaRequirements: MfaRequirement[];
  mfaCommands: MfaCommand[];
  recordedMethods: string[];
  primaryUser: string | undefined;
  metadataWrites: MetadataWrite[];
  redirects: RedirectRecord[];
  validationErrors: { code: string; message: string }[];
  prompts: {
    promptId: string;
    options?: { fields?: Record<string, unknown>; vars?: Record<string, unknown> };
  }[];
  session: SessionRecord;
  refreshToken: RefreshTokenRecord;
  saml: { attributes: Record<string, SamlAttributeValue>; config: Record<string, unknown> };
  violations: Violation[];
}

export interface PostLoginApiContext {
  claimRules: ClaimRuleContext;
  cache: ActionsCache;
  rulesExecuted: readonly string[];
  now: () => number;
}

export function emptyPostLoginRecord(event: Event): PostLoginRecord {
  return {
    denials: [],
    idToken: { claims: {}, dropped: [] },
    accessToken: { claims: {}, dropped: [], scopesAdded: [], scopesRemoved: [] },
    mfaRequirements: [],
    mfaCommands: [],
    recordedMethods: [],
    primaryUser: undefined,
    metadataWrites: [],
    redirects: [],
    validationErrors: [],
    prompts: [],
    session: { revoked: false, metadata: { ...(event.session?.metadata ?? {}) } },
    refreshToken: { revoked: false, metadata: { ...(event.refresh_token?.metadata ?? {}) } },
    saml: { attributes: {}, config: {} },
    violations: [],
  };
}

export function createPostLoginApi(
  event: Event,
  record: PostLoginRecord,
  context: PostLoginApiContext,
): PostLoginAPI {
  const violation = (found: Violation | undefined) => {
    if (found) record.violations.push(found);
  };
  const deny = (reason: string) => record.denials.push({ reason });
  const mfaCommand = (command: MfaCommand) => {
    record.mfaCommands.push(command);
    if (record.mfaCommands.length === MAX_MFA_COMMANDS + 1) {
      violation({
        rule: 'too-many-mfa-commands',
        message: `more than ${MAX_MFA_COMMANDS} challengeWith/challengeWithAny/enrollWith/enrollWithAny calls in one flow`,
      });
    }
  };
  const writeMetadata = (target: MetadataWrite['target'], key: string, value: unknown) => {
    const current = target === 'app_metadata' ? event.user.app_metadata : event.user.user_metadata;
    if (!isPlainObject(current)) throw new Error(`Unexpected ${target} format. Must be a valid JSON object`);
    record.metadataWrites.push({ target, key, value });
    return api;
  };

  const api: PostLoginAPI = {
    access: {
      deny(reason) {
        if (record.denials.length > 0) {
          violation({
            rule: 'deny-after-deny',
            message: `access.deny("${reason}") after access.deny("${record.denials[0]?.reason}"); the kit keeps the first reason`,
          });
        }
        deny(reason);
        return api;
      },
    },
    accessToken: {
      setCustomClaim(name, value) {
        violation(recordClaim(record.accessToken, 'accessToken', name, value, context.claimRules));
        return api;
      },
      addScope(scope) {
        const valid = validScope(scope);
        record.accessToken.scopesAdded.push(valid);
        record.accessToken.scopesRemoved = record.accessToken.scopesRemoved.filter((s) => s !== valid);
      },
      removeScope(scope) {
        const valid = validScope(scope);
        record.accessToken.scopesRemoved.push(valid);
        record.accessToken.scopesAdded = record.accessToken.scopesAdded.filter((s) => s !== valid);
      },
    },
    idToken: {
      setCustomClaim(name, value) {
        violation(recordClaim(record.idToken, 'idToken', name, value, context.claimRules));
        return api;
      },
    },
    authentication: {
      challengeWith(factor, options) {
        mfaCommand({ method: 'challengeWith', factor, additionalFactors: options?.additionalFactors ?? [] });
      },
      challengeWithAny(factors) {
        mfaCommand({ method: 'challengeWithAny', factors });
      },
      enrollWith(factor, options) {
        mfaCommand({ method: 'enrollWith', factor, additionalFactors: options?.additionalFactors ?? [] });
      },
      enrollWithAny(factors) {
        mfaCommand({ method: 'enrollWithAny', factors });
      },
      recordMethod(providerUrl) {
        record.recordedMethods.push(providerUrl);
        return api;
      },
      setPrimaryUser(primaryUserId) {
        if (record.primaryUser !== undefined)
          throw new Error('The primary user can only be altered once per transaction');
        if (typeof primaryUserId !== 'string' || primaryUserId.length === 0) {
          throw new Error('The provided primary_user_id must be a non-empty string');
        }
        if (primaryUserId.length > MAX_PRIMARY_USER_ID_LENGTH) {
          throw new Error('The provided primary_user_id exceeds the maximum length.');
        }
        record.primaryUser = primaryUserId;
      },
    },
    multifactor: {
      enable(provider, options) {
        record.mfaRequirements.push({ provider, ...options });
        return api;
      },
    },
    user: {
      setAppMetadata: (key, value) => writeMetadata('app_metadata', key, value),
      setUserMetadata: (key, value) => writeMetadata('user_metadata', key, value),
    },
    redirect: createRedirectApi(
      event,
      {
        redirects: record.redirects,
        hasRenderedPrompt: () => record.prompts.length > 0,
        violation,
        now: context.now,
      },
      () => api,
    ),
    cache: context.cache,
    validation: {
      error(errorCode, errorMessage) {
        record.validationErrors.push({ code: errorCode, message: errorMessage });
        return api;
      },
    },
    rules: { wasExecuted: (ruleId) => context.rulesExecuted.includes(ruleId) },
    prompt: {
      render(promptId, options) {
        if (record.redirects.length > 0) {
          violation({
            rule: 'redirect-and-render',
            message: 'prompt.render() after redirect.sendUserTo() in one Action',
          });
        }
        if (record.prompts.length > 0) {
          violation({
            rule: 'prompt-render-twice',
            message: 'only one prompt.render() per Action is allowed',
          });
        }
        record.prompts.push(options === undefined ? { promptId } : { promptId, options });
      },
    },
    session: createSessionApi(event, record.session, { deny, violation }),
    refreshToken: createRefreshTokenApi(event, record.refreshToken, { deny, violation }),
    transaction: {
      setMetadata(key, value) {
        event.transaction ??= { metadata: {} };
        const transaction = event.transaction;
        if (value === null) delete transaction.metadata[key];
        else transaction.metadata[key] = value;
      },
    },
    samlResponse: createSamlApi(record.saml),
  };
  return api;
}

function createSamlApi(saml: PostLoginRecord['saml']): SAMLResponseAPI {
  const set =
    <Value>(key: string) =>
    (value: Value) => {
      saml.config[key] = value;
    };
  return {
    setAttribute(attribute, value) {
      saml.attributes[attribute] = value ?? null;
    },
    setAudience: set('audience'),
    setRecipient: set('recipient'),
    setCreateUpnClaim: set('createUpnClaim'),
    setPassthroughClaimsWithNoMapping: set('passthroughClaimsWithNoMapping'),
    setMapUnknownClaimsAsIs: set('mapUnknownClaimsAsIs'),
    setMapIdentities: set('mapIdentities'),
    setSignatureAlgorithm: set('signatureAlgorithm'),
    setDigestAlgorithm: set('digestAlgorithm'),
    setDestination: set('destination'),
    setLifetimeInSeconds: set('lifetimeInSeconds'),
    setSignResponse: set('signResponse'),
    setNameIdentifierFormat: set('nameIdentifierFormat'),
    setNameIdentifierProbes: set('nameIdentifierProbes'),
    setAuthnContextClassRef: set('authnContextClassRef'),
    setSigningCert: set('signingCert'),
    setIncludeAttributeNameFormat: set('includeAttributeNameFormat'),
    setTypedAttributes: set('typedAttributes'),
    setEncryptionCert: set('encryptionCert'),
    setEncryptionPublicKey: set('encryptionPublicKey'),
    setCert: set('cert'),
    setKey: set('key'),
    setRelayState: set('RelayState'),
    setIssuer: set('issuer'),
    setEncryptionAlgorithm: set('encryptionAlgorithm'),
  };
}
