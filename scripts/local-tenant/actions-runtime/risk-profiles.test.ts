import { describe, expect, it } from 'vitest';
import type { PublicRoute } from '../http/public-routes';
import { parseRiskProfiles, RiskProfiles, riskControlRoutes } from './risk-profiles';

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

  it('are read and replaced through the control routes', async () => {
    const profiles = new RiskProfiles();
    const [get, put] = riskControlRoutes(profiles);
    const call = (route: PublicRoute | undefined, body?: unknown) =>
      route?.handle({ body } as Parameters<PublicRoute['handle']>[0]);
    expect(await call(put, { '192.0.2.1': { NewDevice: 'no_match' } })).toEqual({
      status: 200,
      json: { '192.0.2.1': { NewDevice: 'no_match' } },
    });
    expect(await call(get)).toMatchObject({ status: 200, json: { '192.0.2.1': { NewDevice: 'no_match' } } });
    expect(await call(put, 'nonsense')).toMatchObject({
      status: 400,
      json: { error: 'invalid_risk_profiles' },
    });
    expect(profiles.assessmentFor('192.0.2.1').assessments.NewDevice?.code).toBe('no_match');
  });
});
