/**
 * Pure parts of the pre-user-registration run and the custom-database scripts: the event a sign-up's
 * Action gets, the outcome of its record, and what a script's callback means to the login flow.
 */
import type { PreUserRegistrationEventData } from '../../../actions/types/pre-user-registration/v2';
import { applyMetadataWrites } from '../../action-api/metadata';
import type { PreUserRegistrationRecord } from '../../action-api/pre-user-registration-api';
import type {
  CustomDatabaseOutcome,
  PreUserRegistrationInput,
  PreUserRegistrationOutcome,
} from '../authentication/contract';
import { eventRequest } from './post-login-event';

const stringMetadata = (value: unknown): Record<string, string> =>
  typeof value === 'object' && value !== null
    ? Object.fromEntries(
        Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
      )
    : {};

export function buildPreUserRegistrationEvent(
  input: PreUserRegistrationInput,
  tenantId: string,
): PreUserRegistrationEventData {
  const { ip, hostname, user_agent, language, method, geoip } = eventRequest(input.request);
  return {
    client: {
      client_id: String(input.client.client_id),
      name: String(input.client.name),
      metadata: stringMetadata(input.client.client_metadata),
    },
    connection: {
      id: String(input.connection.id),
      name: String(input.connection.name),
      strategy: String(input.connection.strategy),
      metadata: stringMetadata(input.connection.metadata),
    },
    request: {
      ip,
      method,
      body: {},
      geoip,
      ...(hostname !== undefined ? { hostname } : {}),
      ...(user_agent !== undefined ? { user_agent } : {}),
      ...(language !== undefined ? { language } : {}),
    },
    tenant: { id: tenantId },
    ...(input.transaction
      ? {
          transaction: {
            acr_values: [],
            locale: language?.split(',')[0]?.split('-')[0] ?? 'en',
            protocol: 'oidc-basic-profile' as const,
            redirect_uri: input.transaction.redirectUri,
            requested_scopes: [...input.transaction.scopes],
            response_mode: input.transaction.responseMode,
            response_type: [input.transaction.responseType],
            ...(input.transaction.state !== undefined ? { state: input.transaction.state } : {}),
            ui_locales: [],
          },
        }
      : {}),
    user: {
      email: input.user.email,
      ...(input.user.username !== undefined ? { username: input.user.username } : {}),
      app_metadata: structuredClone(input.user.app_metadata),
      user_metadata: structuredClone(input.user.user_metadata),
    },
  };
}

/** What one registration Action's record means: deny/validation error end the sign-up, writes apply. */
export function registrationStep(
  record: PreUserRegistrationRecord,
  actionName: string,
  metadata: { appMetadata: Record<string, unknown>; userMetadata: Record<string, unknown> },
):
  | { kind: 'next'; appMetadata: Record<string, unknown>; userMetadata: Record<string, unknown> }
  | { kind: 'denied'; reason: string; userMessage: string; actionName: string } {
  const denial = record.denials[0];
  if (denial) return { kind: 'denied', ...denial, actionName };
  const invalid = record.validationErrors[0];
  if (invalid) {
    return {
      kind: 'denied',
      reason: `${invalid.code}: ${invalid.message}`,
      userMessage: invalid.message,
      actionName,
    };
  }
  const writes = (target: 'app_metadata' | 'user_metadata') =>
    record.metadataWrites.filter((write) => write.target === target);
  return {
    kind: 'next',
    appMetadata: applyMetadataWrites(metadata.appMetadata, writes('app_metadata')),
    userMetadata: applyMetadataWrites(metadata.userMetadata, writes('user_metadata')),
  };
}

export type RegistrationOutcome = PreUserRegistrationOutcome;

/** A script's callback in the login flow's terms (the error classes are Auth0's sandbox globals). */
export function scriptOutcome(callback: {
  error: { name: string; message: string } | null;
  results: unknown[];
}): CustomDatabaseOutcome {
  const { error, results } = callback;
  if (error) {
    if (error.name === 'WrongUsernameOrPasswordError')
      return { kind: 'wrong-credentials', message: error.message };
    return { kind: 'outage', message: `${error.name}: ${error.message}` };
  }
  const profile = results[0];
  if (profile === undefined || profile === null) return { kind: 'not-found' };
  if (typeof profile !== 'object' || Array.isArray(profile)) {
    return { kind: 'outage', message: 'the script called back with a profile that is not an object' };
  }
  return { kind: 'user', profile: profile as Record<string, unknown> };
}
