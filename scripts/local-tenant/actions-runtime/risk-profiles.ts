/**
 * The local tenant's stand-in for Adaptive MFA's risk assessment: a profile per client IP, in the kit's
 * shorthand (`scripts/action-api/risk.ts`), so a test can log in "from an untrusted IP":
 *
 *   PUT /__local/risk-profiles  { "198.51.100.7": { "UntrustedIP": "found_on_deny_list" } }
 *
 * replaces every profile; GET answers them. An IP without a profile gets the default: a confident,
 * low-risk login (known device, minimal travel, IP not on a deny list, confidence `high`).
 */
import type { RiskAssessment } from '../../../actions/types/post-login/v3';
import { type RiskShorthand, riskAssessment } from '../../action-api/risk';
import type { PublicReply, PublicRoute } from '../http/public-routes';

export class RiskProfiles {
  #byIp: Record<string, RiskShorthand> = {};

  /** The profiles as set, IP to shorthand. */
  get all(): Record<string, RiskShorthand> {
    return structuredClone(this.#byIp);
  }

  /** Replaces every profile; throws a clear error for a body that is not IP -> shorthand. */
  replace(body: unknown): void {
    this.#byIp = parseRiskProfiles(body);
  }

  /** `event.authentication.riskAssessment` for a login from `ip`. */
  assessmentFor(ip: string): RiskAssessment {
    return riskAssessment(this.#byIp[ip] ?? {}, ip);
  }
}

const ASSESSMENTS = ['NewDevice', 'ImpossibleTravel', 'UntrustedIP', 'AgentDetection'] as const;
const CONFIDENCES = ['low', 'medium', 'high', 'neutral'];

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The profiles in `body`, or an Error saying which entry is wrong and what it should be. */
export function parseRiskProfiles(body: unknown): Record<string, RiskShorthand> {
  const shape =
    'expected {"<ip>": {"confidence"?: "low|medium|high|neutral", "UntrustedIP"?: "<code>" | {"code": "<code>", ...} | null, ...}}';
  if (!isObject(body)) throw new Error(`risk profiles: the body is not an object; ${shape}`);
  const profiles: Record<string, RiskShorthand> = {};
  for (const [ip, profile] of Object.entries(body)) {
    if (!isObject(profile)) throw new Error(`risk profiles: "${ip}" is not an object; ${shape}`);
    for (const [key, value] of Object.entries(profile)) {
      if (key === 'confidence') {
        if (typeof value !== 'string' || !CONFIDENCES.includes(value)) {
          throw new Error(`risk profiles: "${ip}".confidence must be one of ${CONFIDENCES.join(', ')}`);
        }
      } else if (key === 'version') {
        if (typeof value !== 'string') throw new Error(`risk profiles: "${ip}".version must be a string`);
      } else if ((ASSESSMENTS as readonly string[]).includes(key)) {
        const valid =
          value === null || typeof value === 'string' || (isObject(value) && typeof value.code === 'string');
        if (!valid) throw new Error(`risk profiles: "${ip}".${key} must be a code, {"code": ...} or null`);
      } else {
        throw new Error(
          `risk profiles: "${ip}" has an unknown key "${key}"; use confidence, version, ${ASSESSMENTS.join(', ')}`,
        );
      }
    }
    profiles[ip] = profile as RiskShorthand;
  }
  return profiles;
}

/** `GET` and `PUT /__local/risk-profiles`, for the control routes (behind the control token). */
export function riskControlRoutes(profiles: RiskProfiles): PublicRoute[] {
  const current = (): PublicReply => ({ status: 200, json: profiles.all });
  return [
    { method: 'GET', path: '/__local/risk-profiles', handle: current },
    {
      method: 'PUT',
      path: '/__local/risk-profiles',
      handle: (request) => {
        try {
          profiles.replace(request.body);
        } catch (error) {
          return { status: 400, json: { error: 'invalid_risk_profiles', message: (error as Error).message } };
        }
        return current();
      },
    },
  ];
}
