import {
  boolean,
  closedObject,
  type JsonSchema,
  listOf,
  nonEmptyText,
  oneOfValues,
  positiveInteger,
  stringMap,
  text,
  textList,
} from './common';
import { connectionEntrySchema } from './connection-entry';

/**
 * Database connections (`databases:`, strategy auth0), including custom databases. `customScripts` name
 * script files relative to tenant.yaml; `configuration` values are placeholders (the check rejects
 * literals), which Auth0 encrypts and hands the scripts as `configuration`.
 */
export const DATABASE_SCRIPTS = [
  'login',
  'get_user',
  'create',
  'verify',
  'change_password',
  'delete',
  'change_email',
];

const enable = closedObject({ enable: boolean });
const active = closedObject({ active: boolean });

const signup = (statusValues: string[], withVerification: boolean) =>
  closedObject({
    status: oneOfValues(statusValues),
    ...(withVerification ? { verification: active } : {}),
  });

const attributes = closedObject({
  email: closedObject({
    unique: boolean,
    identifier: closedObject({ active: boolean, default_method: oneOfValues(['password', 'email_otp']) }),
    profile_required: boolean,
    verification_method: oneOfValues(['otp', 'link']),
    signup: signup(['required', 'optional', 'inactive'], true),
  }),
  phone_number: closedObject({
    identifier: closedObject({ active: boolean, default_method: oneOfValues(['password', 'phone_otp']) }),
    profile_required: boolean,
    signup: signup(['required', 'optional', 'inactive'], true),
  }),
  username: closedObject({
    identifier: closedObject({ active: boolean, default_method: oneOfValues(['password']) }),
    profile_required: boolean,
    signup: signup(['required', 'optional', 'inactive'], false),
    validation: closedObject({
      min_length: positiveInteger,
      max_length: positiveInteger,
      allowed_types: closedObject({ email: boolean, phone_number: boolean }),
    }),
  }),
});

const passwordOptions = closedObject({
  complexity: closedObject({
    min_length: { type: 'integer', minimum: 1, maximum: 72 },
    character_types: listOf(oneOfValues(['uppercase', 'lowercase', 'number', 'special'])),
    character_type_rule: oneOfValues(['all', 'three_of_four']),
    identical_characters: oneOfValues(['allow', 'block']),
    sequential_characters: oneOfValues(['allow', 'block']),
    max_length_exceeded: oneOfValues(['truncate', 'error']),
  }),
  profile_data: closedObject({ active: boolean, blocked_fields: listOf(text, { maxItems: 12 }) }),
  history: closedObject({ active: boolean, size: { type: 'integer', minimum: 1, maximum: 24 } }),
  dictionary: closedObject({
    active: boolean,
    default: oneOfValues(['en_10k', 'en_100k']),
    custom: textList,
  }),
});

const databaseOptions = closedObject({
  brute_force_protection: boolean,
  passwordPolicy: oneOfValues(['none', 'low', 'fair', 'good', 'excellent', null]),
  password_history: closedObject({ enable: boolean, size: { type: 'integer', minimum: 1, maximum: 24 } }),
  password_dictionary: closedObject({ enable: boolean, dictionary: listOf(text, { maxItems: 200 }) }),
  password_no_personal_info: enable,
  password_complexity_options: closedObject({ min_length: { type: 'integer', minimum: 1, maximum: 128 } }),
  password_options: passwordOptions,
  mfa: closedObject({ active: boolean, return_enroll_settings: boolean }),
  strategy_version: positiveInteger,
  requires_username: boolean,
  validation: closedObject({
    username: closedObject({ min: positiveInteger, max: positiveInteger }),
  }),
  disable_signup: boolean,
  disable_self_service_change_password: boolean,
  import_mode: boolean,
  enabledDatabaseCustomization: boolean,
  enable_script_context: boolean,
  customScripts: closedObject(Object.fromEntries(DATABASE_SCRIPTS.map((script) => [script, nonEmptyText]))),
  configuration: stringMap,
  attributes,
  authentication_methods: closedObject({
    password: closedObject({
      enabled: boolean,
      api_behavior: oneOfValues(['required', 'optional']),
      signup_behavior: oneOfValues(['allow', 'block']),
    }),
    passkey: closedObject({ enabled: boolean }),
    email_otp: closedObject({ enabled: boolean }),
    phone_otp: closedObject({ enabled: boolean }),
  }),
  passkey_options: closedObject({
    challenge_ui: oneOfValues(['both', 'autofill', 'button']),
    local_enrollment_enabled: boolean,
    progressive_enrollment_enabled: boolean,
  }),
  precedence: listOf(oneOfValues(['email', 'username', 'phone_number'])),
  non_persistent_attrs: textList,
  set_user_root_attributes: oneOfValues(['on_each_login', 'on_first_login', 'never_on_login']),
  custom_password_hash: closedObject({ action_id: text }),
});

export const databaseSchema: JsonSchema = connectionEntrySchema({
  strategy: oneOfValues(['auth0']),
  options: databaseOptions,
  required: ['name'],
});

export const databasesSchema: JsonSchema = listOf(databaseSchema);
