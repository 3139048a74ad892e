/**
 * Universal Login's prompts as `tenant.yaml` writes them (deploy-cli 8.44's prompts handler and the auth0
 * SDK's PromptGroupNameEnum, PromptLanguageEnum and PartialGroupsEnum). The lists are what deploy-cli
 * reads back, not all that Auth0 takes: custom text for a prompt or language it never reads (the SDK's
 * `async-approval-flow`, `confirmation`, `zh-MO`) would be written on every deploy and never match.
 */
import { boolean, closedObject, type JsonSchema, oneOfValues, text } from '../../tenant/schema/common';

/** The prompts deploy-cli reads custom text of (its handler's `promptTypes`). */
export const CUSTOM_TEXT_PROMPTS = [
  'login',
  'login-id',
  'login-password',
  'login-passwordless',
  'login-email-verification',
  'signup',
  'signup-id',
  'signup-password',
  'phone-identifier-enrollment',
  'phone-identifier-challenge',
  'email-identifier-challenge',
  'reset-password',
  'custom-form',
  'consent',
  'customized-consent',
  'logout',
  'mfa-push',
  'mfa-otp',
  'mfa-voice',
  'mfa-phone',
  'mfa-webauthn',
  'mfa-sms',
  'mfa-email',
  'mfa-recovery-code',
  'mfa',
  'status',
  'device-flow',
  'email-verification',
  'email-otp-challenge',
  'organizations',
  'invitation',
  'common',
  'captcha',
  'passkeys',
  'brute-force-protection',
];

/** The languages deploy-cli knows (its `languages`): the SDK's PromptLanguageEnum less `zh-MO`. */
export const LANGUAGES = [
  ...['am', 'ar', 'ar-EG', 'ar-SA', 'az', 'bg', 'bn', 'bs', 'ca-ES', 'cnr', 'cs', 'cy', 'da', 'de', 'el'],
  ...['en', 'en-CA', 'es', 'es-419', 'es-AR', 'es-MX', 'et', 'eu-ES', 'fa', 'fi', 'fr', 'fr-CA', 'fr-FR'],
  ...['gl-ES', 'gu', 'he', 'hi', 'hr', 'hu', 'hy', 'id', 'is', 'it', 'ja', 'ka', 'kk', 'kn', 'ko', 'lt'],
  ...['lv', 'mk', 'ml', 'mn', 'mr', 'ms', 'my', 'nb', 'nl', 'nn', 'no', 'pa', 'pl', 'pt', 'pt-BR', 'pt-PT'],
  ...['ro', 'ru', 'sk', 'sl', 'so', 'sq', 'sr', 'sv', 'sw', 'ta', 'te', 'th', 'tl', 'tr', 'uk', 'ur', 'vi'],
  ...['zgh', 'zh-CN', 'zh-HK', 'zh-TW'],
];

/** The screens custom text is written for (deploy-cli's `screenTypes`). */
export const SCREENS = [
  ...['login', 'login-id', 'login-password', 'login-email-verification', 'signup', 'signup-id'],
  ...['signup-password', 'reset-password-request', 'reset-password-email', 'reset-password'],
  ...['reset-password-success', 'reset-password-error', 'consent', 'status'],
  ...['mfa-detect-browser-capabilities', 'mfa-enroll-result', 'mfa-login-options'],
  ...['mfa-begin-enroll-options', 'mfa-otp-enrollment-qr', 'mfa-otp-enrollment-code', 'mfa-otp-challenge'],
  ...['mfa-voice-challenge', 'mfa-sms-challenge', 'mfa-recovery-code-enrollment'],
  ...['mfa-recovery-code-challenge', 'mfa-country-codes', 'mfa-sms-enrollment', 'mfa-voice-enrollment'],
  ...['mfa-phone-challenge', 'mfa-phone-enrollment', 'mfa-webauthn-roaming-enrollment'],
  ...['mfa-webauthn-platform-enrollment', 'mfa-webauthn-platform-challenge'],
  ...['mfa-webauthn-roaming-challenge', 'mfa-webauthn-change-key-nickname'],
  ...['mfa-webauthn-enrollment-success', 'mfa-webauthn-error', 'mfa-webauthn-not-available-error'],
  ...['mfa-sms-list', 'mfa-email-challenge', 'mfa-email-list', 'mfa-push-welcome', 'mfa-push-list'],
  ...['mfa-push-enrollment-qr', 'mfa-push-enrollment-code', 'mfa-push-success', 'mfa-push-challenge-push'],
  ...['device-code-activation', 'device-code-activation-allowed', 'device-code-activation-denied'],
  ...['device-code-confirmation', 'email-verification-result', 'email-otp-challenge', 'redeem-ticket'],
  ...['organization-selection', 'pre-login-organization-picker', 'accept-invitation'],
  ...['login-passwordless-email-code', 'login-passwordless-email-link', 'login-passwordless-sms-otp'],
  ...['passkey-enrollment', 'passkey-enrollment-local', 'brute-force-protection-unblock'],
  ...['brute-force-protection-unblock-success', 'brute-force-protection-unblock-failure'],
];

/** The prompts deploy-cli reads partials of (`customPartialsPromptTypes`), their screens and insertion points. */
export const PARTIAL_PROMPTS = [
  'login',
  'login-id',
  'login-password',
  'login-passwordless',
  'signup',
  'signup-id',
  'signup-password',
  'passkeys',
];
export const PARTIAL_SCREENS = [
  ...['login', 'login-id', 'login-password', 'signup', 'signup-id', 'signup-password'],
  ...['login-passwordless-sms-otp', 'login-passwordless-email-code'],
  ...['passkeys-enrollment', 'passkeys-enrollment-local'],
];
export const INSERTION_POINTS = [
  'form-content-start',
  'form-content-end',
  'form-footer-start',
  'form-footer-end',
  'secondary-actions-start',
  'secondary-actions-end',
];

/** A mapping whose keys must be among `keys`, each holding `value`; an unknown key is reported at its line. */
function mapOf(keys: readonly string[], value: JsonSchema): JsonSchema {
  return { type: 'object', propertyNames: { enum: [...keys] }, additionalProperties: value };
}

/** One prompt's text in one language: the screen, then the text's key (`title`, `description`, ...). */
const promptText = mapOf(SCREENS, { type: 'object', additionalProperties: text });

const insertionPoints = closedObject(Object.fromEntries(INSERTION_POINTS.map((point) => [point, text])));

// Name lists rather than one property per name: each part is compiled once, not once per language.
export const promptsSchema: JsonSchema = closedObject({
  universal_login_experience: oneOfValues(['new', 'classic']),
  identifier_first: boolean,
  webauthn_platform_first_factor: boolean,
  customText: mapOf(LANGUAGES, mapOf(CUSTOM_TEXT_PROMPTS, promptText)),
  partials: mapOf(PARTIAL_PROMPTS, mapOf(PARTIAL_SCREENS, insertionPoints)),
});
