/**
 * One Auth0 log event, as a log stream carries it: the fields of Auth0's tenant log schema
 * (https://auth0.com/docs/tenant-logs/auth-logout-fail/flo shows the common ones: date, type, description,
 * client_id, client_name, ip, hostname, details, log_id, tenant_name, environment_name, ...) and the type
 * codes of https://auth0.com/docs/deploy-monitor/logs/log-event-type-codes. The shapes follow real events
 * (a `s` from an EventBridge stream, a `slo` read from the Management API): `user_agent` parsed as
 * "Chrome 114.0.0 / Windows 10.0.0", `user_name` the email, `strategy_type` database/social, a 56-digit
 * `log_id`, `isMobile`.
 *
 * Two things are taken out before an event leaves: any field named like a credential (a password, a
 * secret, a token, a code), and any string holding a secret value the tenant knows. A log stream goes to a
 * SIEM that many people read; Auth0 does not log passwords, neither do we.
 */
import { randomInt } from 'node:crypto';
import type { JsonObject } from '../state/types';
import type { LoginLogInput, LoginLogType } from './contract';

/** The stream filter category of each type (https://auth0.com/docs/customize/log-streams/event-filters). */
export const LOG_CATEGORIES: Record<LoginLogType, string> = {
  s: 'auth.login.success',
  f: 'auth.login.fail',
  fp: 'auth.login.fail',
  fu: 'auth.login.fail',
  ss: 'auth.signup.success',
  fs: 'auth.signup.fail',
  slo: 'auth.logout.success',
  seccft: 'auth.token_exchange.success',
  sertft: 'auth.token_exchange.success',
  feccft: 'auth.token_exchange.fail',
  fertft: 'auth.token_exchange.fail',
  // The page's user events (MFA results and blocks): the user.* categories of the filter enum.
  gd_enrollment_complete: 'user.success',
  gd_auth_succeed: 'user.success',
  gd_auth_failed: 'user.fail',
  gd_otp_rate_limit_exceed: 'user.notification',
  limit_wc: 'user.notification',
};

/** What each type's event says when the caller gives no description (the type-codes page's names). */
const DESCRIPTIONS: Record<LoginLogType, string> = {
  s: 'Successful login',
  f: 'Failed login',
  fp: 'Wrong email or password.',
  fu: 'Wrong email or password.',
  ss: 'Successful signup',
  fs: 'Failed signup',
  slo: 'User successfully logged out',
  seccft: 'Client Credentials for Access Token',
  feccft: 'Failed exchange of Access Token for a Client Credentials Grant',
  sertft: 'Refresh Token for Access Token',
  fertft: 'Failed exchange of Refresh Token for Access Token',
  gd_enrollment_complete: 'Guardian - Enrollment complete (otp)',
  gd_auth_succeed: 'MFA Auth success',
  gd_auth_failed: 'MFA Auth failed',
  gd_otp_rate_limit_exceed: 'Too many failures',
  limit_wc: 'Blocked Account',
};

const SOCIAL = new Set([
  'google-oauth2',
  'github',
  'facebook',
  'apple',
  'twitter',
  'linkedin',
  'windowslive',
]);

function strategyType(strategy: string): string {
  if (strategy === 'auth0') return 'database';
  if (SOCIAL.has(strategy) || strategy.startsWith('oauth2')) return 'social';
  if (strategy === 'sms' || strategy === 'email') return 'passwordless';
  return 'enterprise';
}

/** `major.minor.patch` from a version written with dots or underscores, zeros filled in. */
const version = (text: string) => [...text.split(/[._]/), '0', '0', '0'].slice(0, 3).join('.');

/** Browsers, then systems, in the order they are told apart (an Edge header also names Chrome and Safari). */
const BROWSERS = [
  ['Edge', /Edg\/([\d.]+)/],
  ['Firefox', /Firefox\/([\d.]+)/],
  ['Chrome', /Chrome\/([\d.]+)/],
  ['Safari', /Version\/([\d.]+).*Safari/],
] as const;
const SYSTEMS = [
  ['Windows', /Windows NT ([\d.]+)/],
  ['iOS', /iPhone OS ([\d_]+)/],
  ['Android', /Android ([\d.]+)/],
  ['Mac OS X', /Mac OS X ([\d_.]+)/],
] as const;

/** "<name> <major.minor.patch>" of the first pattern the header matches. */
function firstMatch(header: string, patterns: readonly (readonly [string, RegExp])[]): string | undefined {
  for (const [name, pattern] of patterns) {
    const found = pattern.exec(header)?.[1];
    if (found) return `${name} ${version(found)}`;
  }
  return undefined;
}

/** The user agent as Auth0's events give it ("Chrome 114.0.0 / Windows 10.0.0"); the header when unknown. */
export function describeUserAgent(header: string): string {
  const browser = firstMatch(header, BROWSERS);
  if (!browser) return header;
  const system = firstMatch(header, SYSTEMS) ?? (/Linux/.test(header) ? 'Linux' : 'Other 0.0.0');
  return `${browser} / ${system}`;
}

const isMobile = (header: string) => /Mobi|Android|iPhone|iPad/.test(header);

/** 56 digits as Auth0's log ids: `900`, the date to the millisecond, then a random sequence. */
export function newLogId(now: number): string {
  const stamp = new Date(now).toISOString().replace(/\D/g, '').slice(0, 17);
  let tail = '';
  while (tail.length < 36) tail += String(randomInt(0, 1_000_000_000)).padStart(9, '0');
  return `900${stamp}${tail}`;
}

/** Field names that hold credentials: never logged, whatever their value. */
const CREDENTIAL_FIELD = /password|secret|token|^code$|code_verifier|authorization|otp|recovery_code/i;

/** A copy of a JSON value without credential fields, with known secret values cut out of its strings. */
export function withoutSecrets(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string')
    return secrets.reduce((text, secret) => (secret ? text.split(secret).join('[redacted]') : text), value);
  if (Array.isArray(value)) return value.map((item) => withoutSecrets(item, secrets));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !CREDENTIAL_FIELD.test(key))
        .map(([key, item]) => [key, withoutSecrets(item, secrets)]),
    );
  }
  return value;
}

/** The event's `data`, before a stream's pii_config is applied. */
export function logEventData(
  input: LoginLogInput,
  context: { tenantName: string; secrets: readonly string[] },
): JsonObject {
  const userAgent = input.request?.userAgent ?? '';
  const connection = input.connection;
  const strategy = typeof connection?.strategy === 'string' ? connection.strategy : undefined;
  const event: JsonObject = {
    date: new Date(input.now).toISOString(),
    type: input.type,
    description: input.description ?? DESCRIPTIONS[input.type],
    connection: connection?.name,
    connection_id: connection?.id,
    strategy,
    strategy_type: strategy ? strategyType(strategy) : undefined,
    client_id: input.client?.client_id,
    client_name: input.client?.name ?? '',
    ip: input.request?.ip,
    user_agent: userAgent ? describeUserAgent(userAgent) : undefined,
    hostname: input.request?.hostname,
    user_id: input.user?.user_id ?? '',
    user_name: input.user?.email,
    audience: input.audience,
    scope: input.scopes?.join(' '),
    organization_id: input.organization?.id,
    organization_name: input.organization?.name,
    details: input.details ?? {},
    log_id: newLogId(input.now),
    tenant_name: context.tenantName,
    // The schema's region name ("prod-us-1"); this tenant runs on this machine.
    environment_name: 'local',
    isMobile: isMobile(userAgent),
  };
  const defined = Object.fromEntries(Object.entries(event).filter(([, value]) => value !== undefined));
  return withoutSecrets(defined, context.secrets) as JsonObject;
}
