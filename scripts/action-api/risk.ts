/**
 * A terse way to write Adaptive MFA's risk assessment, shared by the test kit (`postLogin({ risk })`) and the
 * local tenant's risk profiles (`scripts/local-tenant/actions-runtime/risk-profiles.ts`):
 *
 *   postLogin({ risk: { UntrustedIP: 'found_on_deny_list' } })
 *   postLogin({ risk: { confidence: 'low', NewDevice: { code: 'no_match', confidence: 'medium' } } })
 *   postLogin({ risk: null })  // no riskAssessment at all (Adaptive MFA not enabled)
 *
 * The default is "low risk everywhere": known device, minimal travel, IP not on a deny list, overall
 * confidence `high`. A code given alone gets the confidence in `CODE_CONFIDENCE`; that table is the kit's
 * assumption (Auth0 does not publish its scoring), so a test that depends on a confidence should state it.
 * The overall `confidence` is never derived from the assessments (Auth0 weighs them in ways it does not
 * publish); it stays `high` unless the test sets it.
 */
import type {
  AgentDetectionAssessment,
  AgentDetectionCode,
  ImpossibleTravelAssessment,
  ImpossibleTravelCode,
  NewDeviceAssessment,
  NewDeviceCode,
  RiskAssessment,
  RiskConfidence,
  UntrustedIpAssessment,
  UntrustedIpCode,
} from '../../actions/types/post-login/v3';

type Assessment<Code extends string, Full> = Code | (Partial<Full> & { code: Code }) | null;

export interface RiskShorthand {
  confidence?: RiskConfidence;
  version?: string;
  NewDevice?: Assessment<NewDeviceCode, NewDeviceAssessment>;
  ImpossibleTravel?: Assessment<ImpossibleTravelCode, ImpossibleTravelAssessment>;
  UntrustedIP?: Assessment<UntrustedIpCode, UntrustedIpAssessment>;
  AgentDetection?: Assessment<AgentDetectionCode, AgentDetectionAssessment>;
}

/** The kit's confidence for a code given without one (see the module comment). */
export const CODE_CONFIDENCE: {
  NewDevice: Record<NewDeviceCode, RiskConfidence>;
  ImpossibleTravel: Record<ImpossibleTravelCode, RiskConfidence>;
  UntrustedIP: Record<UntrustedIpCode, RiskConfidence>;
  AgentDetection: Record<AgentDetectionCode, RiskConfidence>;
} = {
  NewDevice: {
    match: 'high',
    partial_match: 'medium',
    no_match: 'low',
    initial_login: 'low',
    unknown_device: 'low',
    no_device_history: 'low',
    assessment_not_available: 'neutral',
  },
  ImpossibleTravel: {
    minimal_travel_from_last_login: 'high',
    travel_from_last_login: 'high',
    substantial_travel_from_last_login: 'medium',
    impossible_travel_from_last_login: 'low',
    anonymous_proxy: 'low',
    invalid_travel: 'neutral',
    missing_geoip: 'neutral',
    unknown_location: 'neutral',
    initial_login: 'neutral',
    location_history_not_found: 'neutral',
    assessment_not_available: 'neutral',
  },
  UntrustedIP: {
    not_found_on_deny_list: 'high',
    found_on_deny_list: 'low',
    invalid_ip_address: 'neutral',
    assessment_not_available: 'neutral',
  },
  AgentDetection: { unknown: 'neutral', verified_agent: 'neutral' },
};

const NEW_DEVICE_DETAILS: Partial<Record<NewDeviceCode, NewDeviceAssessment['details']>> = {
  match: { device: 'known', useragent: 'known' },
  partial_match: { device: 'known', useragent: 'unknown' },
  no_match: { device: 'unknown', useragent: 'unknown' },
};

/** A realistic `riskAssessment`: low risk, except what `shorthand` says. */
export function riskAssessment(shorthand: RiskShorthand = {}, ip = '203.0.113.24'): RiskAssessment {
  const newDevice = pick<NewDeviceCode, NewDeviceAssessment>(shorthand.NewDevice, 'match', (code) => ({
    code,
    confidence: CODE_CONFIDENCE.NewDevice[code],
    ...(NEW_DEVICE_DETAILS[code] ? { details: NEW_DEVICE_DETAILS[code] } : {}),
  }));
  const travel = pick<ImpossibleTravelCode, ImpossibleTravelAssessment>(
    shorthand.ImpossibleTravel,
    'minimal_travel_from_last_login',
    (code) => ({
      code,
      confidence: CODE_CONFIDENCE.ImpossibleTravel[code],
    }),
  );
  const untrustedIp = pick<UntrustedIpCode, UntrustedIpAssessment>(
    shorthand.UntrustedIP,
    'not_found_on_deny_list',
    (code) => ({
      code,
      confidence: CODE_CONFIDENCE.UntrustedIP[code],
      details:
        code === 'found_on_deny_list'
          ? { ip, matches: `${ip}/32`, source: 'STOPFORUMSPAM-1', category: 'abuse' }
          : { ip },
    }),
  );
  const agent = shorthand.AgentDetection
    ? pick<AgentDetectionCode, AgentDetectionAssessment>(shorthand.AgentDetection, 'unknown', (code) => ({
        code,
        confidence: CODE_CONFIDENCE.AgentDetection[code],
      }))
    : undefined;
  return {
    confidence: shorthand.confidence ?? 'high',
    version: shorthand.version ?? '1',
    assessments: {
      ...(newDevice ? { NewDevice: newDevice } : {}),
      ...(travel ? { ImpossibleTravel: travel } : {}),
      ...(untrustedIp ? { UntrustedIP: untrustedIp } : {}),
      ...(agent ? { AgentDetection: agent } : {}),
    },
  };
}

/** The assessment for a shorthand entry: default when absent, none when null, code's defaults + overrides. */
function pick<Code extends string, Full extends { code: Code }>(
  entry: Assessment<Code, Full> | undefined,
  defaultCode: Code,
  fromCode: (code: Code) => Full,
): Full | undefined {
  if (entry === null) return undefined;
  if (entry === undefined) return fromCode(defaultCode);
  if (typeof entry === 'string') return fromCode(entry);
  return { ...fromCode(entry.code), ...entry };
}
