import {
  boolean,
  closedObject,
  type JsonSchema,
  listOf,
  oneOfValues,
  positiveInteger,
  text,
  textList,
} from './common';

/**
 * Attack protection (`attackProtection:`): deploy-cli 8.44 sends each key to its own endpoint under
 * `/api/v2/attack-protection/` (brute-force-protection, breached-password-detection,
 * suspicious-ip-throttling, bot-detection, captcha).
 */
const throttleStage = closedObject({ max_attempts: positiveInteger, rate: positiveInteger });

const bruteForceProtection = closedObject({
  enabled: boolean,
  shields: listOf(oneOfValues(['block', 'user_notification'])),
  mode: oneOfValues(['count_per_identifier_and_ip', 'count_per_identifier']),
  allowlist: textList,
  max_attempts: { type: 'integer', minimum: 1, maximum: 100 },
});

const breachedPasswordDetection = closedObject({
  enabled: boolean,
  shields: listOf(oneOfValues(['block', 'user_notification', 'admin_notification'])),
  admin_notification_frequency: listOf(oneOfValues(['immediately', 'daily', 'weekly', 'monthly'])),
  method: oneOfValues(['standard', 'enhanced']),
  stage: closedObject({
    'pre-user-registration': closedObject({ shields: listOf(oneOfValues(['block', 'admin_notification'])) }),
    'pre-change-password': closedObject({ shields: listOf(oneOfValues(['block', 'admin_notification'])) }),
  }),
});

const suspiciousIpThrottling = closedObject({
  enabled: boolean,
  shields: listOf(oneOfValues(['block', 'admin_notification'])),
  allowlist: textList,
  stage: closedObject({
    'pre-login': throttleStage,
    'pre-user-registration': throttleStage,
    'pre-custom-token-exchange': throttleStage,
  }),
});

const challengePolicy = oneOfValues(['never', 'when_risky', 'always']);

const botDetection = closedObject({
  bot_detection_level: oneOfValues(['low', 'medium', 'high']),
  challenge_password_policy: challengePolicy,
  challenge_passwordless_policy: challengePolicy,
  challenge_password_reset_policy: challengePolicy,
  allowlist: textList,
  monitoring_mode_enabled: boolean,
});

const siteKeyAndSecret = closedObject({ site_key: text, secret: text }, ['site_key', 'secret']);

const captcha = closedObject({
  active_provider_id: oneOfValues([
    'arkose',
    'auth_challenge',
    'friendly_captcha',
    'hcaptcha',
    'recaptcha_v2',
    'recaptcha_enterprise',
    'simple_captcha',
  ]),
  auth_challenge: closedObject({ fail_open: boolean }, ['fail_open']),
  simple_captcha: closedObject({}),
  recaptcha_v2: siteKeyAndSecret,
  hcaptcha: siteKeyAndSecret,
  friendly_captcha: siteKeyAndSecret,
  recaptcha_enterprise: closedObject({ site_key: text, api_key: text, project_id: text }, [
    'site_key',
    'api_key',
    'project_id',
  ]),
  arkose: closedObject(
    { site_key: text, secret: text, client_subdomain: text, verify_subdomain: text, fail_open: boolean },
    ['site_key', 'secret'],
  ),
});

export const attackProtectionSchema: JsonSchema = closedObject({
  bruteForceProtection,
  breachedPasswordDetection,
  suspiciousIpThrottling,
  botDetection,
  captcha,
});
