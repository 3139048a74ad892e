/**
 * What deploy-cli's clientAuthCredentials handler and Auth0 would refuse or silently drop, found before a
 * deploy: key material that is not a public key or certificate, more than the two credentials Auth0 keeps
 * per method (two, so that a key can be rotated), a credential without `pem` (deploy-cli skips it), a
 * credential type another method owns, and a `token_endpoint_auth_method` beside the credentials (Auth0
 * requires it null there: deploy-cli drops it and sends null, so a value in the file could never deploy).
 */
import { createPublicKey, X509Certificate } from 'node:crypto';
import { asArray, asRecord, asString, entriesOf, nameOf } from '../../tenant/checks/read';
import type { Finding } from '../../tenant/checks/references';
import type { SecretSource } from '../../tenant/load';
import { wholePlaceholder } from '../../tenant/placeholders';
import { AUTHENTICATION_METHODS, type AuthenticationMethod, METHOD_CREDENTIAL_TYPE } from './schema';

/** Auth0 keeps at most this many credentials per authentication method of a client. */
export const MAX_CREDENTIALS_PER_METHOD = 2;

const RULE = 'client-auth-credentials';

/** Why `pem` is not the key material of `type`, or undefined when it is. */
export function pemProblem(pem: string, type: string): string | undefined {
  if (/PRIVATE KEY-----/.test(pem)) return 'it is a private key: Auth0 takes the public half only';
  try {
    if (type === 'public_key') {
      const key = createPublicKey(pem);
      if (key.asymmetricKeyType !== 'rsa') return `it is a ${key.asymmetricKeyType} key, not an RSA key`;
    } else new X509Certificate(pem);
    return undefined;
  } catch {
    return type === 'public_key'
      ? 'it does not parse as a PEM public key (-----BEGIN PUBLIC KEY-----)'
      : 'it does not parse as a PEM X.509 certificate (-----BEGIN CERTIFICATE-----)';
  }
}

/** The text a `pem` field stands for: itself, or the value of the secret it names when the file has it. */
function pemText(value: string, secrets: Readonly<Record<string, SecretSource>>): string | undefined {
  const placeholder = wholePlaceholder(value);
  if (!placeholder) return value;
  const source = secrets[placeholder.key];
  // A value from a variable is known to the deploy only.
  return source && 'value' in source ? source.value : undefined;
}

function credentialFindings(
  client: string,
  method: AuthenticationMethod,
  pointer: string,
  credential: Record<string, unknown>,
  secrets: Readonly<Record<string, SecretSource>>,
): Finding[] {
  const expected = METHOD_CREDENTIAL_TYPE[method];
  const type = asString(credential.credential_type) ?? expected;
  const label = `client "${client}": ${method} credential "${asString(credential.name) ?? '?'}"`;
  if (type !== expected) {
    return [
      {
        pointer: `${pointer}/credential_type`,
        rule: `${RULE}/credential-type`,
        message: `${label} is a ${type}; ${method} takes ${expected} credentials`,
        hint: `set credential_type: ${expected}, or move the credential under the method that takes ${type}`,
      },
    ];
  }
  const pem = asString(credential.pem);
  if (pem === undefined) {
    return [
      {
        pointer,
        rule: `${RULE}/pem`,
        message: `${label} has no pem: deploy-cli skips a credential without one, so it would never be created`,
        hint: 'add pem: "##SECRET_NAME##" and the key (or certificate) under secrets: in the environment file',
      },
    ];
  }
  const text = pemText(pem, secrets);
  const problem = text === undefined ? undefined : pemProblem(text, type);
  if (!problem) return [];
  return [
    {
      pointer: `${pointer}/pem`,
      rule: `${RULE}/pem`,
      message: `${label}: ${problem}`,
      hint:
        type === 'public_key'
          ? 'give the RSA public key in PEM form (openssl rsa -in key.pem -pubout)'
          : 'give the certificate in PEM form (-----BEGIN CERTIFICATE----- ...)',
    },
  ];
}

export function checkClientAuthCredentials(
  tenant: Record<string, unknown>,
  secrets: Readonly<Record<string, SecretSource>>,
): Finding[] {
  return entriesOf(tenant, 'clients').flatMap((client) => {
    const methods = asRecord(client.item.client_authentication_methods);
    if (!methods) return [];
    const name = nameOf(client);
    const findings: Finding[] = [];
    const endpointMethod = client.item.token_endpoint_auth_method;
    if (endpointMethod !== undefined && endpointMethod !== null) {
      findings.push({
        pointer: `${client.pointer}/token_endpoint_auth_method`,
        rule: `${RULE}/token-endpoint-auth-method`,
        message: `client "${name}" authenticates with client_authentication_methods, yet declares token_endpoint_auth_method ${JSON.stringify(endpointMethod)}: Auth0 requires it null there, and deploy-cli drops it`,
        hint: 'remove token_endpoint_auth_method (or remove client_authentication_methods to go back to a client secret)',
      });
    }
    for (const method of AUTHENTICATION_METHODS) {
      const credentials = asArray(asRecord(methods[method])?.credentials);
      const pointer = `${client.pointer}/client_authentication_methods/${method}/credentials`;
      if (credentials.length > MAX_CREDENTIALS_PER_METHOD) {
        findings.push({
          pointer: `${pointer}/${MAX_CREDENTIALS_PER_METHOD}`,
          rule: `${RULE}/too-many`,
          message: `client "${name}": ${credentials.length} ${method} credentials; Auth0 keeps at most ${MAX_CREDENTIALS_PER_METHOD} per method`,
          hint: 'keep the current key and the one rotating in; remove the others',
        });
      }
      credentials.forEach((credential, index) => {
        const record = asRecord(credential);
        if (record)
          findings.push(...credentialFindings(name, method, `${pointer}/${index}`, record, secrets));
      });
    }
    return findings;
  });
}
