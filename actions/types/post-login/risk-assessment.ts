/**
 * `event.authentication.riskAssessment`: Adaptive MFA's signals. Present only when the tenant has Adaptive
 * MFA. `confidence` is Auth0's confidence that the login is the real user: `low` means risky (Auth0's own
 * policy asks for MFA on `low`), `high` means the login matches the user's usual patterns, `neutral` is
 * reserved. How Auth0 turns codes into confidences is not published.
 */

export type RiskConfidence = 'low' | 'medium' | 'high' | 'neutral';

export type NewDeviceCode =
  | 'match'
  | 'partial_match'
  | 'no_match'
  | 'initial_login'
  | 'unknown_device'
  | 'no_device_history'
  | 'assessment_not_available';

export type ImpossibleTravelCode =
  | 'minimal_travel_from_last_login'
  | 'travel_from_last_login'
  | 'substantial_travel_from_last_login'
  | 'impossible_travel_from_last_login'
  | 'invalid_travel'
  | 'missing_geoip'
  | 'anonymous_proxy'
  | 'unknown_location'
  | 'initial_login'
  | 'location_history_not_found'
  | 'assessment_not_available';

export type UntrustedIpCode =
  | 'not_found_on_deny_list'
  | 'found_on_deny_list'
  | 'invalid_ip_address'
  | 'assessment_not_available';

export type AgentDetectionCode = 'unknown' | 'verified_agent';

/** Whether the user logs in from a device (cookie and user agent) Auth0 has seen for them. */
export interface NewDeviceAssessment {
  code: NewDeviceCode;
  confidence: RiskConfidence;
  details?: { device?: 'known' | 'unknown'; useragent?: 'known' | 'unknown' };
}

/** Whether the distance from the last login's location is plausible in the elapsed time. */
export interface ImpossibleTravelAssessment {
  code: ImpossibleTravelCode;
  confidence: RiskConfidence;
}

/** Whether the IP is on one of Auth0's lists of low-reputation addresses. */
export interface UntrustedIpAssessment {
  code: UntrustedIpCode;
  confidence: RiskConfidence;
  details?: { category?: string; ip?: string; matches?: string; source?: string };
}

/** Whether the login comes from a known (AI) agent. */
export interface AgentDetectionAssessment {
  code: AgentDetectionCode;
  confidence: RiskConfidence;
  details?: { provider?: string };
}

export interface RiskAssessments {
  AgentDetection?: AgentDetectionAssessment;
  ImpossibleTravel?: ImpossibleTravelAssessment;
  NewDevice?: NewDeviceAssessment;
  UntrustedIP?: UntrustedIpAssessment;
}

/** [Early Access] Signals forwarded by Akamai, when the tenant uses it. */
export interface SupplementalRiskSignals {
  akamai?: {
    akamaiBot?: {
      type?: string;
      action?: string;
      botCategory?: string[];
      botScore?: number;
      botScoreResponseSegment?: string;
      botnetId?: string;
    };
    akamaiUserRisk?: {
      action?: string;
      allow?: number;
      emailDomain?: string;
      general?: Record<string, unknown>;
      ouid?: string;
      requestid?: string;
      risk?: Record<string, unknown>;
      score?: number;
      status?: number;
      trust?: Record<string, unknown>;
      username?: string;
      uuid?: string;
    };
  };
}

export interface RiskAssessment {
  /** Overall confidence that this is the real user. */
  confidence: RiskConfidence;
  version: string;
  assessments: RiskAssessments;
  supplemental?: SupplementalRiskSignals;
}
