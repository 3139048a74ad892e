import { type BodySchema, isJsonObject } from '../http/validate';
import { ATTACK_PROTECTION_KINDS, type AttackProtectionKind, type JsonObject } from '../state/types';
import type { RouteList } from './common';
import { boolean, closedObject, integer, object, oneOf, stringList } from './schemas/json';
import { singletonRoutes } from './singleton';

const CHALLENGE = oneOf(['never', 'when_risky', 'always']);

/** What each attack-protection setting accepts (from the Management API reference). */
const SCHEMAS: Record<AttackProtectionKind, BodySchema> = {
  'brute-force-protection': closedObject({
    enabled: boolean,
    shields: stringList,
    allowlist: stringList,
    mode: oneOf(['count_per_identifier_and_ip', 'count_per_identifier']),
    max_attempts: integer,
  }),
  'breached-password-detection': closedObject({
    enabled: boolean,
    shields: stringList,
    admin_notification_frequency: stringList,
    method: oneOf(['standard', 'enhanced']),
    stage: object,
  }),
  'suspicious-ip-throttling': closedObject({
    enabled: boolean,
    shields: stringList,
    allowlist: stringList,
    stage: object,
  }),
  'bot-detection': closedObject({
    bot_detection_level: oneOf(['low', 'medium', 'high']),
    challenge_password_policy: CHALLENGE,
    challenge_passwordless_policy: CHALLENGE,
    challenge_password_reset_policy: CHALLENGE,
    allowlist: stringList,
    monitoring_mode_enabled: boolean,
  }),
  captcha: closedObject({
    active_provider_id: oneOf([
      'auth_challenge',
      'simple_captcha',
      'recaptcha_v2',
      'recaptcha_enterprise',
      'hcaptcha',
      'friendly_captcha',
      'arkose',
    ]),
    auth_challenge: object,
    simple_captcha: object,
    recaptcha_v2: object,
    recaptcha_enterprise: object,
    hcaptcha: object,
    friendly_captcha: object,
    arkose: object,
  }),
};

/**
 * A CAPTCHA provider's credentials: written, never answered (Auth0 shows the site keys only). The
 * registry's attackProtection module declares its secret paths from this list.
 */
export const CAPTCHA_SECRET_FIELDS = ['secret', 'api_key'] as const;

/** The captcha settings as Auth0 answers them: each provider without its credentials. */
function withoutCaptchaSecrets(captcha: JsonObject): JsonObject {
  return Object.fromEntries(
    Object.entries(captcha).map(([key, value]) => {
      if (!isJsonObject(value)) return [key, value];
      const shown = { ...value };
      for (const field of CAPTCHA_SECRET_FIELDS) delete shown[field];
      return [key, shown];
    }),
  );
}

// Objects merge key by key: a stage or a provider named in a PATCH changes, the rest stays.
export const attackProtectionRoutes: RouteList = ATTACK_PROTECTION_KINDS.flatMap((kind) =>
  singletonRoutes({
    path: `/attack-protection/${kind}`,
    scopes: { read: 'read:attack_protection', update: 'update:attack_protection' },
    at: `attackProtection.${kind}`,
    schema: SCHEMAS[kind],
    merge: 'deep',
    ...(kind === 'captcha' ? { render: withoutCaptchaSecrets } : {}),
  }),
);
