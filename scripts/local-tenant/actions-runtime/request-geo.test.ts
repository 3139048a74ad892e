import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets } from './redact';
import { geoipOf } from './request-geo';
import { parseRiskProfiles, RiskProfiles } from './risk-profiles';

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

describe('redaction', () => {
  it("replaces every secret value in an Action's log lines, longest first", () => {
    const lines = [{ level: 'log', message: 'token=abc123 and abc123-long, twice abc123' }];
    expect(redactSecrets(lines, ['abc123', 'abc123-long', ''])).toEqual([
      { level: 'log', message: `token=${REDACTED} and ${REDACTED}, twice ${REDACTED}` },
    ]);
  });
});

describe('risk profiles', () => {
  it('assesses a login by its IP, low risk by default', () => {
    const profiles = new RiskProfiles();
    profiles.replace({ '198.51.100.7': { UntrustedIP: 'found_on_deny_list', confidence: 'low' } });
    expect(profiles.assessmentFor('198.51.100.7')).toMatchObject({
      confidence: 'low',
      assessments: { UntrustedIP: { code: 'found_on_deny_list', details: { ip: '198.51.100.7' } } },
    });
    expect(profiles.assessmentFor('127.0.0.1')).toMatchObject({
      confidence: 'high',
      assessments: { UntrustedIP: { code: 'not_found_on_deny_list' } },
    });
  });

  it('refuses a profile it cannot read, saying what to send', () => {
    expect(() => parseRiskProfiles([])).toThrow(/not an object/);
    expect(() => parseRiskProfiles({ '1.2.3.4': { Untrusted: 'x' } })).toThrow(/unknown key "Untrusted"/);
    expect(() => parseRiskProfiles({ '1.2.3.4': { confidence: 'very' } })).toThrow(
      /confidence must be one of/,
    );
    expect(() => parseRiskProfiles({ '1.2.3.4': { NewDevice: 3 } })).toThrow(/NewDevice must be a code/);
  });
});
