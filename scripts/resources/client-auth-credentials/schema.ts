/**
 * A client's `client_authentication_methods` as deploy-cli's clientAuthCredentials handler reads it from
 * tenant.yaml: per method, the credentials by name, each with its key material (`pem`). deploy-cli creates
 * a credential by name (POST /clients/{id}/credentials) and then points the method at the ids Auth0 gave.
 */
import {
  boolean,
  closedObject,
  type JsonSchema,
  listOf,
  oneOfValues,
  text,
} from '../../tenant/schema/common';

/**
 * deploy-cli's type for both its handlers (the pre-pass at order 40 and the writer at order 70): they run
 * only when it is included, beside the clients handler, whose `clients` assets they read.
 */
export const CREDENTIALS_HANDLER = 'clientAuthCredentials';

/** Which credential type each method takes (deploy-cli infers the type from the method this way). */
export const METHOD_CREDENTIAL_TYPE = {
  private_key_jwt: 'public_key',
  self_signed_tls_client_auth: 'x509_cert',
  tls_client_auth: 'cert_subject_dn',
} as const;

export type AuthenticationMethod = keyof typeof METHOD_CREDENTIAL_TYPE;
export const AUTHENTICATION_METHODS = Object.keys(METHOD_CREDENTIAL_TYPE) as AuthenticationMethod[];

const credential = closedObject(
  {
    name: {
      ...text,
      description: 'What deploy-cli matches the credential by: a new name is a new credential',
    },
    credential_type: oneOfValues(['public_key', 'cert_subject_dn', 'x509_cert']),
    pem: { ...text, description: 'The public key or certificate, PEM encoded; from `secrets:`' },
    alg: oneOfValues(['RS256', 'RS384', 'PS256']),
    parse_expiry_from_cert: boolean,
    expires_at: text,
    subject_dn: text,
  },
  ['name'],
);

const method = closedObject({ credentials: listOf(credential) }, ['credentials']);

export const clientAuthenticationMethodsSchema: JsonSchema = closedObject(
  Object.fromEntries(AUTHENTICATION_METHODS.map((name) => [name, method])),
);
