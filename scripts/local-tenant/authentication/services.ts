/**
 * The login's real services for a local tenant: the Actions runtime (deployed code on Node 22), the
 * refresh tokens, the log events to the tenant's streams and the social stand-in. Built once per server;
 * `close` stops the runtime's worker and sends the log events still queued.
 */
import { RESOURCE_TYPES } from '../../resources/index';
import { isSensitiveAt, secretNameAt, valuesAt } from '../../resources/paths';
import type { RiskProfiles } from '../actions-runtime/risk-profiles';
import { createActionsRuntime } from '../actions-runtime/runtime';
import type { TenantStore } from '../state/store';
import type { TenantState } from '../state/types';
import type { LoginServices, SocialIdentityProvider } from './contract';
import { createLoginLogs } from './login-logs';
import { createRefreshTokens } from './refresh-tokens';

/**
 * Every secret value the tenant holds, found where the registry says each type keeps its secrets (Action
 * secrets, client secrets, a connection's configuration, a stream's authorization): a log event must
 * never carry one, whatever field it ends up in. Only the values that are secrets by the registry's rule
 * (`isSensitiveAt`): the plain settings kept among them (BLOCKED_EMAIL_DOMAINS `mailinator.com`,
 * USER_SYNC_TIMEOUT_MS `1000`, BLOCKED_COUNTRIES `KP`) are no secret, and cutting them out of every string
 * of an event mangled its emails, descriptions and ids.
 */
export function tenantSecretValues(state: TenantState): string[] {
  const values = new Set<string>();
  const held = state as unknown as Record<string, unknown>;
  for (const type of RESOURCE_TYPES) {
    for (const { field, shape } of type.localState) {
      const items = shape === 'list' ? held[field] : [held[field]];
      if (!Array.isArray(items)) continue;
      for (const item of items) {
        for (const secret of type.secrets ?? []) {
          for (const found of valuesAt(item, secret.path)) {
            const { value } = found;
            if (typeof value !== 'string' || value === '') continue;
            if (isSensitiveAt(secret, secretNameAt(secret, found))) values.add(value);
          }
        }
      }
    }
  }
  return [...values];
}

export function createLoginServices(options: {
  store: TenantStore;
  caFile: string;
  social: SocialIdentityProvider;
  riskProfiles: RiskProfiles;
  streams: () => readonly Record<string, unknown>[];
}): LoginServices {
  const { store } = options;
  const actions = createActionsRuntime({ store, caFile: options.caFile, riskProfiles: options.riskProfiles });
  const logs = createLoginLogs({
    streams: options.streams,
    tenantName: store.state.tenantName,
    secretValues: () => tenantSecretValues(store.state),
  });
  return {
    actions,
    refreshTokens: createRefreshTokens(store),
    logs,
    social: options.social,
    close: async () => {
      await logs.flush();
      await actions.close();
    },
  };
}
