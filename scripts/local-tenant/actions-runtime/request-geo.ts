/**
 * `event.request.geoip` for the local tenant: a small fixed table instead of a GeoIP database, over the
 * address ranges no real host uses (the documentation ranges of RFC 5737, and loopback), so a test picks a
 * country by picking an address:
 *
 *   127.0.0.0/8       Germany (DE)      a login from this machine: an ordinary, allowed country
 *   192.0.2.0/24      United States (US)
 *   198.51.100.0/24   Brazil (BR)
 *   203.0.113.0/24    North Korea (KP)  a country the local tenant's registration-guard blocks at sign-up
 *   ::1               Germany (DE)
 *
 * Any other address has no geoip (Auth0 leaves the fields out when it cannot locate an address).
 */
import type { GeoIp } from '../../../actions/types/post-login/v3';

interface GeoRange {
  /** The first three octets of a /24, or `127.` for loopback. */
  prefix: string;
  geoip: GeoIp;
}

/** Where a loopback caller is, for the runtime and for the test kit's default event alike. */
export const GERMANY: GeoIp = {
  cityName: 'Berlin',
  continentCode: 'EU',
  countryCode: 'DE',
  countryCode3: 'DEU',
  countryName: 'Germany',
  latitude: 52.52,
  longitude: 13.405,
  subdivisionCode: 'BE',
  subdivisionName: 'Land Berlin',
  timeZone: 'Europe/Berlin',
};

export const GEO_TABLE: readonly GeoRange[] = [
  { prefix: '127.', geoip: GERMANY },
  {
    prefix: '192.0.2.',
    geoip: {
      cityName: 'Seattle',
      continentCode: 'NA',
      countryCode: 'US',
      countryCode3: 'USA',
      countryName: 'United States',
      latitude: 47.6062,
      longitude: -122.3321,
      subdivisionCode: 'WA',
      subdivisionName: 'Washington',
      timeZone: 'America/Los_Angeles',
    },
  },
  {
    prefix: '198.51.100.',
    geoip: {
      cityName: 'São Paulo',
      continentCode: 'SA',
      countryCode: 'BR',
      countryCode3: 'BRA',
      countryName: 'Brazil',
      latitude: -23.5505,
      longitude: -46.6333,
      subdivisionCode: 'SP',
      subdivisionName: 'São Paulo',
      timeZone: 'America/Sao_Paulo',
    },
  },
  {
    prefix: '203.0.113.',
    geoip: {
      cityName: 'Pyongyang',
      continentCode: 'AS',
      countryCode: 'KP',
      countryCode3: 'PRK',
      countryName: 'North Korea',
      latitude: 39.0392,
      longitude: 125.7625,
      subdivisionCode: '01',
      subdivisionName: 'Pyongyang',
      timeZone: 'Asia/Pyongyang',
    },
  },
];

/** The table's geoip for `ip` (an IPv4-mapped IPv6 address counts as its IPv4 one), or undefined. */
export function geoipOf(ip: string): GeoIp | undefined {
  if (ip === '::1') return { ...GERMANY };
  const v4 = ip.startsWith('::ffff:') ? ip.slice('::ffff:'.length) : ip;
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(v4)) return undefined;
  const range = GEO_TABLE.find((entry) => v4.startsWith(entry.prefix));
  return range ? { ...range.geoip } : undefined;
}
