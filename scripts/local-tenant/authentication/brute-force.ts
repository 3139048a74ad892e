/**
 * Brute-force protection as the tenant's attack-protection settings say: failed logins are counted per
 * account (per account and IP in `count_per_identifier_and_ip` mode, Auth0's default); at `max_attempts`
 * the account is blocked for that IP (or for every IP), when `shields` has `block`. An IP in `allowlist`
 * is never counted, nor a connection whose `brute_force_protection` is off. A successful login resets the
 * count. https://auth0.com/docs/secure/attack-protection/brute-force-protection
 */
import { isJsonObject } from '../http/validate';
import type { JsonObject, TenantState } from '../state/types';
import { texts } from './tenant-lookup';

/** Auth0's default threshold. */
const DEFAULT_MAX_ATTEMPTS = 10;

interface Settings {
  maxAttempts: number;
  perIp: boolean;
  blocks: boolean;
}

function settingsFor(state: TenantState, connection: JsonObject, ip: string): Settings | undefined {
  const tenant = state.attackProtection['brute-force-protection'];
  const options = isJsonObject(connection.options) ? connection.options : {};
  if (tenant.enabled !== true || options.brute_force_protection !== true) return undefined;
  if (texts(tenant.allowlist).includes(ip)) return undefined;
  const max = tenant.max_attempts;
  return {
    maxAttempts: typeof max === 'number' && max >= 1 ? max : DEFAULT_MAX_ATTEMPTS,
    perIp: tenant.mode !== 'count_per_identifier',
    blocks: texts(tenant.shields).includes('block'),
  };
}

export class BruteForceCounter {
  private readonly failures = new Map<string, number>();

  private key(settings: Settings, connection: JsonObject, identifier: string, ip: string): string {
    const account = `${String(connection.name)}\n${identifier.toLowerCase()}`;
    return settings.perIp ? `${account}\n${ip}` : account;
  }

  /** Whether the account is blocked for this IP now. */
  isBlocked(state: TenantState, connection: JsonObject, identifier: string, ip: string): boolean {
    const settings = settingsFor(state, connection, ip);
    if (!settings?.blocks) return false;
    return (this.failures.get(this.key(settings, connection, identifier, ip)) ?? 0) >= settings.maxAttempts;
  }

  /** Counts a failure; true when this one reached the limit (the moment Auth0 logs `limit_wc`). */
  fail(state: TenantState, connection: JsonObject, identifier: string, ip: string): boolean {
    const settings = settingsFor(state, connection, ip);
    if (!settings) return false;
    const key = this.key(settings, connection, identifier, ip);
    const count = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, count);
    return count === settings.maxAttempts;
  }

  succeed(state: TenantState, connection: JsonObject, identifier: string, ip: string): void {
    const settings = settingsFor(state, connection, ip);
    if (settings) this.failures.delete(this.key(settings, connection, identifier, ip));
  }
}
