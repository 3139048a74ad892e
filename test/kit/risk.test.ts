import { describe, expect, it } from 'vitest';
import { riskAssessment } from '../../scripts/action-api/risk';
import { postLogin } from './post-login';

describe('riskAssessment', () => {
  it('defaults to low risk everywhere, with the codes Auth0 uses for it', () => {
    expect(riskAssessment()).toEqual({
      confidence: 'high',
      version: '1',
      assessments: {
        NewDevice: { code: 'match', confidence: 'high', details: { device: 'known', useragent: 'known' } },
        ImpossibleTravel: { code: 'minimal_travel_from_last_login', confidence: 'high' },
        UntrustedIP: { code: 'not_found_on_deny_list', confidence: 'high', details: { ip: '203.0.113.24' } },
      },
    });
  });

  it('turns a code into an assessment with the kit confidence for it, leaving the overall confidence alone', () => {
    const assessment = riskAssessment({ UntrustedIP: 'found_on_deny_list', NewDevice: 'no_match' });

    expect(assessment.confidence).toBe('high');
    expect(assessment.assessments.UntrustedIP).toEqual({
      code: 'found_on_deny_list',
      confidence: 'low',
      details: {
        ip: '203.0.113.24',
        matches: '203.0.113.24/32',
        source: 'STOPFORUMSPAM-1',
        category: 'abuse',
      },
    });
    expect(assessment.assessments.NewDevice).toMatchObject({ code: 'no_match', confidence: 'low' });
  });

  it('takes an explicit confidence and details over the kit defaults', () => {
    const assessment = riskAssessment({
      confidence: 'low',
      ImpossibleTravel: { code: 'impossible_travel_from_last_login', confidence: 'medium' },
    });

    expect(assessment.confidence).toBe('low');
    expect(assessment.assessments.ImpossibleTravel).toEqual({
      code: 'impossible_travel_from_last_login',
      confidence: 'medium',
    });
  });

  it('leaves out an assessment given as null, and adds AgentDetection only when asked', () => {
    const assessment = riskAssessment({ NewDevice: null, AgentDetection: 'verified_agent' });

    expect(assessment.assessments).not.toHaveProperty('NewDevice');
    expect(assessment.assessments.AgentDetection).toEqual({ code: 'verified_agent', confidence: 'neutral' });
  });
});

describe('the risk shorthand of postLogin', () => {
  it('sets the assessment on the event, with the event IP in the details', () => {
    const login = postLogin({ request: { ip: '192.0.2.99' }, risk: { UntrustedIP: 'found_on_deny_list' } });

    expect(login.event.authentication?.riskAssessment?.assessments.UntrustedIP).toMatchObject({
      code: 'found_on_deny_list',
      details: { ip: '192.0.2.99' },
    });
  });

  it('removes the risk assessment altogether with null (Adaptive MFA not enabled)', () => {
    const login = postLogin({ risk: null });

    expect(login.event.authentication).toBeDefined();
    expect(login.event.authentication?.riskAssessment).toBeUndefined();
  });

  it('merges with the factory defaults of postLogin.with', () => {
    const login = postLogin.with({ risk: { confidence: 'low' } });

    const assessment = login({ risk: { NewDevice: 'no_match' } }).event.authentication?.riskAssessment;

    expect(assessment?.confidence).toBe('low');
    expect(assessment?.assessments.NewDevice?.code).toBe('no_match');
  });
});
