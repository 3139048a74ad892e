import { asArray, asRecord, asString, asStrings, type Entry, entriesOf, nameOf } from '../checks/read';
import { findPlaceholders } from '../placeholders';
import type { Tier } from '../schema/environment';
import { EVERYWHERE, type PolicyFinding, type PolicyRule } from './rule';

/**
 * Where Auth0 may send users and tokens. In production every URL is https on a real host; in development
 * and on the local stand-in, http is allowed for localhost only.
 */
const URL_FIELDS: { path: string[]; name: string; what: string }[] = [
  ['callbacks', 'callback'],
  ['allowed_logout_urls', 'logout URL'],
  ['web_origins', 'web origin'],
  ['allowed_origins', 'allowed origin'],
  ['initiate_login_uri', 'login URI'],
  // Auth0 POSTs logout tokens (user and session ids) here: a JSON pointer below the client.
  ['oidc_logout/backchannel_logout_urls', 'back-channel logout URL'],
].map(([name = '', what = '']) => ({ path: name.split('/'), name, what }));

/**
 * One URL of a client (or of the tenant). What only a finding needs (its pointer, the client's name) is
 * made by `pointerOf` and `ownerOf`: a large tenant has tens of thousands of URLs, nearly all fine.
 */
interface UrlUse {
  url: string;
  /** The client's entry, or undefined for the tenant's own logout URLs. */
  client: Entry | undefined;
  field: string;
  /** The URL's index in its list, or -1 for a field that holds one URL. */
  index: number;
  what: string;
  native: boolean;
}

const pointerOf = (use: UrlUse) =>
  `${use.client?.pointer ?? '/tenant'}/${use.field}${use.index < 0 ? '' : `/${use.index}`}`;

const ownerOf = (use: UrlUse) => (use.client ? `client "${nameOf(use.client)}"` : 'the tenant');

/** A placeholder at the start hides the scheme and host: nothing of ours to check. */
const startsWithPlaceholder = (url: string) =>
  (url.startsWith('##') || url.startsWith('@@')) && findPlaceholders(url)[0]?.start === 0;

/** The URLs of the tenant's clients and its own logout URLs that `wanted` picks. */
function urlsOf(tenant: Record<string, unknown>, wanted: (url: string) => boolean): UrlUse[] {
  const uses: UrlUse[] = [];
  const clients = entriesOf(tenant, 'clients');
  // Counted loops: before V8 optimizes this (a command checks once), a for-of makes an object per step.
  for (let at = 0; at < clients.length; at++) {
    const client = clients[at] as Entry;
    const native = client.item.app_type === 'native';
    for (let field = 0; field < URL_FIELDS.length; field++) {
      const { path, name, what } = URL_FIELDS[field] as (typeof URL_FIELDS)[number];
      let value: unknown = client.item;
      for (let depth = 0; depth < path.length; depth++) value = asRecord(value)?.[path[depth] as string];
      // A placeholder left here is a secret, or an undefined keyword (reported already). At the start it
      // hides the scheme and host, so there is nothing to check; further on (`http://##HOST##/cb`), the
      // scheme is still ours to check.
      if (typeof value === 'string') {
        if (wanted(value) && !startsWithPlaceholder(value)) {
          uses.push({ url: value, client, field: name, index: -1, what, native });
        }
        continue;
      }
      if (!Array.isArray(value)) continue;
      for (let index = 0; index < value.length; index++) {
        const url: unknown = value[index];
        if (typeof url !== 'string' || !wanted(url) || startsWithPlaceholder(url)) continue;
        uses.push({ url, client, field: name, index, what, native });
      }
    }
  }
  for (const { value: url, index } of asStrings(
    (tenant.tenant as Record<string, unknown> | undefined)?.allowed_logout_urls,
  )) {
    if (!wanted(url)) continue;
    uses.push({
      url,
      client: undefined,
      field: 'allowed_logout_urls',
      index,
      what: 'tenant logout URL',
      native: false,
    });
  }
  return uses;
}

/**
 * How a URL that data is sent to (a log sink, a webhook) fails "https, or http to this machine's loopback
 * outside production": `loopback` (http to this machine, in production), `not-https`, or undefined when it
 * passes. One that starts with a placeholder passes: its scheme is a secret's value, not ours to read.
 */
export function unencryptedDelivery(url: string, tier: Tier): 'loopback' | 'not-https' | undefined {
  if (findPlaceholders(url)[0]?.start === 0) return undefined;
  const scheme = schemeOf(url);
  if (scheme === 'https') return undefined;
  if (scheme !== 'http' || !isLocalHost(hostOf(url))) return 'not-https';
  return tier === 'production' ? 'loopback' : undefined;
}

export function schemeOf(url: string): string | undefined {
  // Nearly every URL of a tenant: the answer without a regular expression.
  if (url.startsWith('https://')) return 'https';
  return /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
}

export function hostOf(url: string): string | undefined {
  return /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(url)?.[1]?.toLowerCase();
}

export function isLocalHost(host: string | undefined): boolean {
  return (
    host === 'localhost' ||
    host === '[::1]' ||
    /^127(\.\d{1,3}){3}$/.test(host ?? '') ||
    /\.localhost$/.test(host ?? '')
  );
}

export const httpsOnly: PolicyRule = {
  id: 'urls/https-only',
  summary: 'callback, logout and origin URLs use https (http only for localhost outside production)',
  hint: 'use https; put localhost URLs in the development environment file only',
  severity: EVERYWHERE,
  check(tenant, { tier }) {
    const findings: PolicyFinding[] = [];
    // Most URLs are https: only the others are gathered.
    for (const use of urlsOf(tenant, (url) => !url.startsWith('https://'))) {
      const scheme = schemeOf(use.url);
      if (scheme === 'https') continue;
      if (scheme === 'http' && tier !== 'production' && isLocalHost(hostOf(use.url))) continue;
      // Native apps come back through their own scheme (com.example.app://callback).
      if (
        use.native &&
        scheme !== undefined &&
        scheme !== 'http' &&
        scheme !== 'javascript' &&
        scheme !== 'data'
      ) {
        continue;
      }
      findings.push({
        pointer: pointerOf(use),
        message: `${use.what} "${use.url}" of ${ownerOf(use)} is not https`,
        hint: hintFor(tier, use.url),
        expected: 'an https URL',
        found: use.url,
      });
    }
    return findings;
  },
};

function hintFor(tier: Tier, url: string): string {
  if (tier === 'production' && isLocalHost(hostOf(url))) {
    return 'localhost has no place in production: move it to tenant/environments/dev.yaml';
  }
  return 'use https, or (for localhost, outside production) http://localhost';
}

export const noLocalhostInProduction: PolicyRule = {
  id: 'urls/no-localhost',
  summary: 'production apps do not redirect to localhost',
  hint: 'move localhost URLs to the development environment file',
  severity: { production: 'error', development: 'off', local: 'off' },
  check(tenant) {
    return urlsOf(tenant, (url) => schemeOf(url) === 'https' && isLocalHost(hostOf(url))).map((use) => ({
      pointer: pointerOf(use),
      message: `${use.what} "${use.url}" points at localhost in production`,
    }));
  },
};

export const noWildcards: PolicyRule = {
  id: 'urls/no-wildcards',
  summary: 'no wildcard callback, logout or origin URLs (any matching host could receive tokens)',
  hint: 'list each URL explicitly',
  severity: { production: 'error', development: 'warning', local: 'off' },
  check(tenant) {
    return urlsOf(tenant, (url) => url.includes('*')).map((use) => ({
      pointer: pointerOf(use),
      message: `${use.what} "${use.url}" of ${ownerOf(use)} contains a wildcard`,
      expected: 'an exact URL',
      found: use.url,
    }));
  },
};

/**
 * URLs the Actions and database scripts call (LEGACY_API_URL, USER_SYNC_URL, ...): they refuse http:// at
 * run time except to this machine, so one deployed over http takes down every login that needs it.
 */
export const httpsSettings: PolicyRule = {
  id: 'urls/https-settings',
  summary:
    'URLs in Action secrets and database settings are https (http only for 127.0.0.1, localhost, [::1])',
  hint: 'use the https:// address; the scripts and Actions refuse http:// when they run',
  severity: EVERYWHERE,
  check(tenant) {
    const settings: { pointer: string; name: string; value: string }[] = [];
    for (const action of entriesOf(tenant, 'actions')) {
      asArray(action.item.secrets).forEach((secret, index) => {
        const record = asRecord(secret);
        const value = asString(record?.value);
        if (value !== undefined) {
          settings.push({
            pointer: `${action.pointer}/secrets/${index}/value`,
            name: asString(record?.name) ?? '',
            value,
          });
        }
      });
    }
    for (const database of entriesOf(tenant, 'databases')) {
      const configuration = asRecord(asRecord(database.item.options)?.configuration) ?? {};
      for (const [name, value] of Object.entries(configuration)) {
        if (typeof value === 'string') {
          settings.push({ pointer: `${database.pointer}/options/configuration/${name}`, name, value });
        }
      }
    }
    return settings
      .filter(({ value }) => schemeOf(value) === 'http' && !isLocalHost(hostOf(value)))
      .map(({ pointer, name, value }) => ({
        pointer,
        message: `${name} is "${value}", an http:// URL the code refuses when it runs`,
        expected: 'an https URL',
        found: value,
      }));
  },
};
