import {
  createHash,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  X509Certificate,
} from 'node:crypto';
import forge from 'node-forge';

/**
 * The tenant's RS256 key for the tokens it signs (ID tokens, access tokens). Made here, per state, from
 * fresh randomness, and never read from anywhere else: no real tenant holds it (Auth0 makes its own tenant
 * keys), and its certificate names it as a local one. The private part lives in the state file alone
 * (written 0600); `publicJwk` is the only view of it that leaves the process.
 */
export interface SigningKeyRecord {
  kid: string;
  alg: 'RS256';
  /** PKCS#8 PEM. Never served, never logged. */
  privateKeyPem: string;
  /** A self-signed certificate for the public key, for the JWKS's `x5c` (Auth0 serves one too). */
  certificatePem: string;
}

export interface PublicSigningJwk {
  kty: 'RSA';
  use: 'sig';
  alg: 'RS256';
  kid: string;
  n: string;
  e: string;
  x5c: string[];
  x5t: string;
}

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/** RFC 7638 thumbprint of the public key: a kid that changes exactly when the key does. */
function thumbprint(n: string, e: string): string {
  return createHash('sha256')
    .update(JSON.stringify({ e, kty: 'RSA', n }))
    .digest('base64url');
}

/** forge has it (and its own sign uses it) but its type declarations leave it out. */
const tbsCertificate = (
  forge.pki as unknown as { getTBSCertificate(cert: forge.pki.Certificate): forge.asn1.Asn1 }
).getTBSCertificate;

function selfSignedCertificate(publicKeyPem: string, privateKeyPem: string): string {
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f;
  certificate.serialNumber = serial.toString('hex');
  certificate.validity.notBefore = new Date(Date.now() - 24 * 60 * 60 * 1000);
  certificate.validity.notAfter = new Date(Date.now() + 10 * YEAR_MS);
  const name = [{ name: 'commonName', value: 'local-tenant token signing key (offline, not Auth0)' }];
  certificate.setSubject(name);
  certificate.setIssuer(name);
  // What forge's certificate.sign does, with Node's RSA in place of forge's pure-JS one (~100x faster).
  certificate.md = forge.md.sha256.create();
  certificate.signatureOid = forge.pki.oids.sha256WithRSAEncryption ?? '1.2.840.113549.1.1.11';
  certificate.siginfo.algorithmOid = certificate.signatureOid;
  const tbs = forge.asn1.toDer(tbsCertificate(certificate)).getBytes();
  certificate.signature = sign('sha256', Buffer.from(tbs, 'binary'), privateKeyPem).toString('binary');
  return forge.pki.certificateToPem(certificate);
}

/** A new 2048-bit RSA key (Auth0's tenant keys are 2048-bit RS256) with its kid and certificate. */
export function newSigningKey(): SigningKeyRecord {
  const pair = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const jwk = createPublicKey(pair.publicKey).export({ format: 'jwk' });
  return {
    kid: thumbprint(String(jwk.n), String(jwk.e)),
    alg: 'RS256',
    privateKeyPem: pair.privateKey,
    certificatePem: selfSignedCertificate(pair.publicKey, pair.privateKey),
  };
}

const servedJwks = new Map<string, PublicSigningJwk>();

/** The public half as a JWK, built field by field so that nothing private can slip in (once per key). */
export function publicJwk(key: SigningKeyRecord): PublicSigningJwk {
  const served = servedJwks.get(key.kid);
  if (served) return served;
  const der = new X509Certificate(key.certificatePem).raw;
  const jwk = createPublicKey(key.privateKeyPem).export({ format: 'jwk' });
  const made: PublicSigningJwk = {
    kty: 'RSA',
    use: 'sig',
    alg: 'RS256',
    kid: key.kid,
    n: String(jwk.n),
    e: String(jwk.e),
    x5c: [der.toString('base64')],
    x5t: createHash('sha1').update(der).digest('base64url'),
  };
  servedJwks.set(key.kid, made);
  return made;
}

/**
 * A state saved before the tenant signed with RS256 has no key: it gets one when loaded (the state format
 * stays `local-tenant/1`, growing a field, as withDeclaredFields does for new resource types).
 */
export function withSigningKey<T extends object>(state: T): T & { tokenSigningKey: unknown } {
  if ('tokenSigningKey' in state) return state as T & { tokenSigningKey: unknown };
  return Object.assign(state, { tokenSigningKey: newSigningKey() });
}

/** A client's `signing_keys` entry as Auth0 answers it: the tenant's signing certificate, PEM and PKCS#7. */
export interface ClientSigningKey {
  cert: string;
  pkcs7: string;
  subject: string;
}

const clientKeys = new Map<string, ClientSigningKey[]>();

/**
 * What Auth0 shows as every client's `signing_keys` (to a caller that may read keys): the certificate of
 * the key the tenant signs its tokens with, as a PEM, as a PKCS#7 bundle and its subject (once per key).
 */
export function clientSigningKeys(key: SigningKeyRecord): ClientSigningKey[] {
  const known = clientKeys.get(key.kid);
  if (known) return known;
  const certificate = forge.pki.certificateFromPem(key.certificatePem);
  const bundle = forge.pkcs7.createSignedData();
  bundle.addCertificate(certificate);
  const subject = certificate.subject.attributes
    .map((attribute) => `/${attribute.shortName ?? attribute.name}=${String(attribute.value)}`)
    .join('');
  const made = [
    {
      cert: key.certificatePem.replace(/\r\n/g, '\n'),
      pkcs7: forge.pkcs7.messageToPem(bundle).replace(/\r\n/g, '\n'),
      subject,
    },
  ];
  clientKeys.set(key.kid, made);
  return made;
}
