/**
 * The tenant flags the local tenant accepts in `PATCH /tenants/settings`: its own list, not the check's,
 * so that the fake and the check can disagree where Auth0 would.
 *
 * - Answered by Auth0 in the recorded traffic (flags of `GET|PATCH /tenants/settings` in the deploy-cli
 *   and Terraform provider recordings; the second half of them were also set by a recorded PATCH).
 * - Named by the Management API's update schema but not in any recording
 *   (https://auth0.github.io/node-auth0/interfaces/management.TenantSettingsUpdateFlags.html).
 */
export const RECORDED_TENANT_FLAGS = [
  'allow_changing_enable_sso',
  'allow_other_legacy_grant_types',
  'cannot_change_enforce_client_authentication_on_passwordless_start',
  'disable_impersonation',
  'enable_custom_domain_in_emails',
  'enable_legacy_logs_search_v2',
  'enable_sso',
  'new_universal_login_experience_enabled',
  'universal_login',
  'enforce_client_authentication_on_passwordless_start',
  // Set by a recorded PATCH as well.
  'allow_legacy_delegation_grant_types',
  'allow_legacy_ro_grant_types',
  'change_pwd_flow_v1',
  'disable_clickjack_protection_headers',
  'disable_fields_map_fix',
  'disable_management_api_sms_obfuscation',
  'enable_apis_section',
  'enable_client_connections',
  'enable_dynamic_client_registration',
  'enable_pipeline2',
  'enable_public_signup_user_exists_error',
  'mfa_show_factor_list_on_enrollment',
  'no_disclose_enterprise_connections',
  'remove_alg_from_jwks',
  'revoke_refresh_token_grant',
  'use_scope_descriptions_for_consent',
] as const;

export const DOCUMENTED_TENANT_FLAGS = [
  'allow_legacy_tokeninfo_endpoint',
  'custom_domains_provisioning',
  'dashboard_insights_view',
  'dashboard_log_streams_next',
  'enable_adfs_waad_email_verification',
  'enable_idtoken_api2',
  'enable_legacy_profile',
  'genai_trial',
  'improved_signup_bot_detection_in_classic',
  'require_pushed_authorization_requests',
  'trust_azure_adfs_email_verified_connection_property',
] as const;

export const LOCAL_TENANT_FLAGS: readonly string[] = [...RECORDED_TENANT_FLAGS, ...DOCUMENTED_TENANT_FLAGS];
