/**
 * What the deployed tenant holds that a stand-in checks callers against: the stand-ins accept the
 * credentials the tenant was deployed with, and nothing else, so a deploy that wrote the wrong token
 * fails as it would in production.
 */
import type { TenantState } from '../state/types';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Whether `value` is a URL of this server (`domain` is `127.0.0.1:<port>`) at `path` (a trailing slash aside). */
export function pointsAt(value: unknown, domain: string, path: string): boolean {
  if (typeof value !== 'string') return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  const port = domain.slice(domain.lastIndexOf(':') + 1);
  return (
    url.protocol === 'https:' &&
    LOOPBACK_HOSTS.has(url.hostname) &&
    url.port === port &&
    url.pathname.replace(/\/+$/, '') === path
  );
}

const configurationOf = (connection: unknown): Record<string, unknown> => {
  const options = (connection as { options?: { configuration?: unknown } }).options;
  const configuration = options?.configuration;
  return typeof configuration === 'object' && configuration !== null
    ? (configuration as Record<string, unknown>)
    : {};
};

/** The `configuration` of each connection whose `LEGACY_API_URL` points at `path` on this server. */
export function legacyConfigurations(
  state: TenantState,
  domain: string,
  path: string,
): Record<string, unknown>[] {
  return state.connections
    .map(configurationOf)
    .filter((configuration) => pointsAt(configuration.LEGACY_API_URL, domain, path));
}

/**
 * `secretName`'s value in each deployed Action whose `urlSecret` points at `path` on this server (secrets
 * are the Action's, shared by its versions, as Auth0's are).
 */
export function deployedActionSecrets(
  state: TenantState,
  domain: string,
  path: string,
  urlSecret: string,
  secretName: string,
): string[] {
  return state.actions
    .filter((action) => action.deployed_version_id !== null)
    .filter((action) =>
      action.secrets.some((secret) => secret.name === urlSecret && pointsAt(secret.value, domain, path)),
    )
    .flatMap((action) => action.secrets.filter((secret) => secret.name === secretName))
    .map((secret) => secret.value)
    .filter((value) => value !== '');
}
