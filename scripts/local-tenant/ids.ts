import { randomBytes, randomUUID } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const URL_SAFE = `${ALPHANUMERIC}-_`;

/** `length` characters drawn uniformly from `alphabet` (rejection sampling, so no modulo bias). */
function randomString(alphabet: string, length: number): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < limit && out.length < length) out += alphabet[byte % alphabet.length];
    }
  }
  return out;
}

// Identifier formats as Auth0 issues them (see the recordings): a client id is 32 alphanumerics, most other
// resources carry a type prefix and 16 alphanumerics, resource servers a 24-hex-digit object id and the
// Actions service UUIDs.
export const newClientId = (): string => randomString(ALPHANUMERIC, 32);
export const newClientSecret = (): string => randomString(URL_SAFE, 64);
export const newConnectionId = (): string => `con_${randomString(ALPHANUMERIC, 16)}`;
export const newRoleId = (): string => `rol_${randomString(ALPHANUMERIC, 16)}`;
export const newOrganizationId = (): string => `org_${randomString(ALPHANUMERIC, 16)}`;
export const newClientGrantId = (): string => `cgr_${randomString(ALPHANUMERIC, 16)}`;
export const newCustomDomainId = (): string => `cd_${randomString(ALPHANUMERIC, 16)}`;
export const newNetworkAclId = (): string => `acl_${randomString(ALPHANUMERIC, 22)}`;
export const newCredentialId = (): string => `cred_${randomString(ALPHANUMERIC, 22)}`;
export const newResourceServerId = (): string => randomBytes(12).toString('hex');
export const newUuid = (): string => randomUUID();
export const newSecretKey = (): string => randomBytes(32).toString('base64url');
export const newPhoneProviderId = (): string => `pro_${randomString(ALPHANUMERIC, 22)}`;
export const newPhoneTemplateId = (): string => `tem_${randomString(ALPHANUMERIC, 22)}`;
export const newSelfServiceProfileId = (): string => `ssp_${randomString(ALPHANUMERIC, 22)}`;
export const newUserAttributeProfileId = (): string => `uap_${randomString(ALPHANUMERIC, 22)}`;
export const newFormId = (): string => `ap_${randomString(ALPHANUMERIC, 22)}`;
export const newFlowId = (): string => `af_${randomString(ALPHANUMERIC, 22)}`;
export const newFlowVaultConnectionId = (): string => `ac_${randomString(ALPHANUMERIC, 22)}`;
export const newTokenExchangeProfileId = (): string => `tep_${randomString(ALPHANUMERIC, 22)}`;
export const newConnectionProfileId = (): string => `cop_${randomString(ALPHANUMERIC, 22)}`;
export const newRateLimitPolicyId = (): string => `rlp_${randomString(ALPHANUMERIC, 22)}`;
