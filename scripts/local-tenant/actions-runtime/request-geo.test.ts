import { describe, expect, it } from 'vitest';
import { geoipOf } from './request-geo';

describe('the local geoip table', () => {
  it.each([
    ['127.0.0.1', 'DE'],
    ['::1', 'DE'],
    ['::ffff:127.0.0.1', 'DE'],
    ['192.0.2.10', 'US'],
    ['198.51.100.7', 'BR'],
    ['203.0.113.24', 'KP'],
  ])('%s is in %s', (ip, country) => {
    expect(geoipOf(ip)?.countryCode).toBe(country);
  });

  it('does not locate other addresses', () => {
    expect(geoipOf('8.8.8.8')).toBeUndefined();
    expect(geoipOf('192.0.20.1')).toBeUndefined();
    expect(geoipOf('not an ip')).toBeUndefined();
  });
});
