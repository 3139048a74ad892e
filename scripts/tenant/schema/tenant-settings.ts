import { boolean, closedObject, type JsonSchema, listOf, oneOfValues, text, url, urlList } from './common';

/**
 * Tenant settings (`tenant:`), as sent to `PATCH /api/v2/tenants/settings` (deploy-cli converts the
 * session lifetimes, in hours, to minutes). Pages (error_page, ...) are not allowed here: deploy-cli
 * rejects them in tenant settings.
 */
export const TENANT_FLAGS = [
  'allow_changing_enable_sso',
  'allow_legacy_delegation_grant_types',
  'allow_legacy_ro_grant_types',
  'allow_legacy_tokeninfo_endpoint',
  'change_pwd_flow_v1',
  'custom_domains_provisioning',
  'dashboard_insights_view',
  'dashboard_log_streams_next',
  'disable_clickjack_protection_headers',
  'disable_fields_map_fix',
  'disable_impersonation',
  'disable_management_api_sms_obfuscation',
  'enable_adfs_waad_email_verification',
  'enable_apis_section',
  'enable_client_connections',
  'enable_custom_domain_in_emails',
  'enable_dynamic_client_registration',
  'enable_idtoken_api2',
  'enable_legacy_logs_search_v2',
  'enable_legacy_profile',
  'enable_pipeline2',
  'enable_public_signup_user_exists_error',
  'enable_sso',
  'enforce_client_authentication_on_passwordless_start',
  'genai_trial',
  'improved_signup_bot_detection_in_classic',
  'mfa_show_factor_list_on_enrollment',
  'new_universal_login_experience_enabled',
  'no_disclose_enterprise_connections',
  'remove_alg_from_jwks',
  'require_pushed_authorization_requests',
  'revoke_refresh_token_grant',
  'trust_azure_adfs_email_verified_connection_property',
  'universal_login',
  'use_scope_descriptions_for_consent',
] as const;

/**
 * The flags deploy-cli 8.44 actually sends (its `allowedTenantFlags`); it drops any other flag with a
 * warning, so setting one here would look reviewed and do nothing. A test keeps this list equal to
 * deploy-cli's.
 */
export const DEPLOYED_TENANT_FLAGS = [
  'change_pwd_flow_v1',
  'enable_client_connections',
  'enable_apis_section',
  'enable_pipeline2',
  'enable_dynamic_client_registration',
  'allow_legacy_tokeninfo_endpoint',
  'enable_legacy_profile',
  'enable_idtoken_api2',
  'enable_public_signup_user_exists_error',
  'allow_legacy_delegation_grant_types',
  'allow_legacy_ro_grant_types',
  'enable_sso',
  'disable_clickjack_protection_headers',
  'no_disclose_enterprise_connections',
  'disable_management_api_sms_obfuscation',
  'enforce_client_authentication_on_passwordless_start',
  'trust_azure_adfs_email_verified_connection_property',
  'enable_adfs_waad_email_verification',
  'revoke_refresh_token_grant',
  'dashboard_log_streams_next',
  'dashboard_insights_view',
  'disable_fields_map_fix',
  'require_pushed_authorization_requests',
  'mfa_show_factor_list_on_enrollment',
  'improved_signup_bot_detection_in_classic',
  'use_scope_descriptions_for_consent',
];

const hours = { type: 'number', exclusiveMinimum: 0 };

export const tenantSettingsSchema: JsonSchema = closedObject({
  friendly_name: text,
  picture_url: url,
  support_email: text,
  support_url: url,
  allowed_logout_urls: urlList,
  default_audience: text,
  default_directory: text,
  default_redirection_uri: url,
  enabled_locales: listOf(text, { minItems: 1 }),
  sandbox_version: text,
  session_lifetime: hours,
  idle_session_lifetime: hours,
  session_lifetime_in_minutes: { type: 'integer', minimum: 1 },
  idle_session_lifetime_in_minutes: { type: 'integer', minimum: 1 },
  ephemeral_session_lifetime: hours,
  idle_ephemeral_session_lifetime: hours,
  session_cookie: closedObject({ mode: oneOfValues(['persistent', 'non-persistent']) }),
  sessions: closedObject({ oidc_logout_prompt_enabled: boolean }),
  oidc_logout: closedObject({ rp_logout_end_session_endpoint_discovery: boolean }),
  customize_mfa_in_postlogin_action: boolean,
  allow_organization_name_in_authentication_api: boolean,
  pushed_authorization_requests_supported: boolean,
  resource_parameter_profile: oneOfValues(['audience', 'compatibility']),
  flags: closedObject(Object.fromEntries(TENANT_FLAGS.map((flag) => [flag, boolean]))),
  universal_login: closedObject({
    colors: closedObject({ primary: text, page_background: text }),
    passwordless: closedObject({ allow_magiclink_verify_without_session: boolean }),
  }),
});
