/**
 * user-sync's secrets, checked. A problem message names the secret and what is wrong, never its value.
 *
 * USER_SYNC_URL must be https. One exception: plain http to a loopback host (127.0.0.1, ::1, localhost),
 * which Auth0 cannot reach anyway, so that tests and the bench can use a local server.
 */

import { secretUrl } from '../lib/secret-url';

export const DEFAULT_TIMEOUT_MS = 1500;
export const MAX_TIMEOUT_MS = 5000;

export interface SyncConfig {
  url: string;
  token: string;
  /** The whole time budget, both attempts included. */
  timeoutMs: number;
}

export type ConfigResult = SyncConfig | { problem: string };

export interface SyncSecrets {
  USER_SYNC_URL?: string;
  USER_SYNC_TOKEN?: string;
  USER_SYNC_TIMEOUT_MS?: string;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

export function syncConfig(secrets: SyncSecrets): ConfigResult {
  const parsed = secretUrl('USER_SYNC_URL', secrets.USER_SYNC_URL);
  if ('problem' in parsed) return parsed;
  const { url } = parsed;
  const loopbackHttp = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !loopbackHttp) return { problem: 'USER_SYNC_URL must be an https:// URL' };
  const token = secrets.USER_SYNC_TOKEN?.trim() ?? '';
  if (token === '') return { problem: 'USER_SYNC_TOKEN is not set' };
  return { url: url.href, token, timeoutMs: syncTimeoutMs(secrets.USER_SYNC_TIMEOUT_MS) };
}

/** USER_SYNC_TIMEOUT_MS as whole milliseconds: default when absent or not a positive number, capped. */
export function syncTimeoutMs(raw: string | undefined): number {
  const value = Number(raw?.trim() || Number.NaN);
  if (!Number.isFinite(value) || value < 1) return DEFAULT_TIMEOUT_MS;
  return Math.min(Math.floor(value), MAX_TIMEOUT_MS);
}
