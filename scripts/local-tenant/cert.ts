import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';

export interface TlsMaterial {
  /** Absolute path of the CA certificate clients trust (NODE_EXTRA_CA_CERTS). */
  caFile: string;
  /** The server's certificate followed by the CA's, PEM. */
  cert: string;
  key: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function newSerial(): string {
  // Positive (first bit clear) 16-byte serial, as RFC 5280 asks.
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}

/** An RSA key pair from Node's own crypto (much faster than forge's pure-JS generator). */
function newKeyPair(): { publicKey: forge.pki.rsa.PublicKey; privateKey: forge.pki.rsa.PrivateKey } {
  const pair = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  return {
    publicKey: forge.pki.publicKeyFromPem(pair.publicKey) as forge.pki.rsa.PublicKey,
    privateKey: forge.pki.privateKeyFromPem(pair.privateKey) as forge.pki.rsa.PrivateKey,
  };
}

function validity(cert: forge.pki.Certificate, days: number): void {
  cert.validity.notBefore = new Date(Date.now() - DAY_MS);
  cert.validity.notAfter = new Date(Date.now() + days * DAY_MS);
}

const { asn1 } = forge;

/** A GeneralSubtree whose base is the GeneralName `[tag] bytes` (2 dNSName, 7 iPAddress and mask). */
function subtree(tag: number, bytes: string): forge.asn1.Asn1 {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, tag, false, bytes),
  ]);
}

/** An iPAddress constraint's bytes: the address, then a mask that matches it alone. */
const exactAddress = (bytes: number[]): string => String.fromCharCode(...bytes, ...bytes.map(() => 0xff));

/**
 * RFC 5280 name constraints, critical: the CA may vouch for 127.0.0.1, ::1 and localhost only, so that
 * trusting it (NODE_EXTRA_CA_CERTS) trusts nothing else, whoever holds its key. forge reads this extension
 * but does not write it, so its DER is built here.
 */
const LOOPBACK_ONLY = {
  name: 'nameConstraints',
  id: '2.5.29.30',
  critical: true,
  value: asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [
      subtree(7, exactAddress([127, 0, 0, 1])),
      subtree(7, exactAddress([...new Array<number>(15).fill(0), 1])),
      subtree(2, 'localhost'),
    ]),
  ]),
};

/** Whether a CA read from disk is one this version makes (constrained to loopback names). */
function isLoopbackOnly(cert: forge.pki.Certificate): boolean {
  const extension = cert.getExtension('nameConstraints') as { critical?: boolean } | undefined;
  return extension?.critical === true;
}

function createCa(): { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey } {
  const keys = newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = newSerial();
  validity(cert, 3650);
  // The serial in the name: two local tenants' CAs trusted together (one NODE_EXTRA_CA_CERTS bundle) must
  // not share a subject, or a client may check a server's certificate against the other CA's key.
  const subject = [
    { name: 'commonName', value: `Local tenant CA ${cert.serialNumber.slice(0, 12)} (this machine only)` },
    { name: 'organizationName', value: 'auth0-tenant local stand-in' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
    LOOPBACK_ONLY,
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { cert, key: keys.privateKey };
}

/**
 * The CA beside the state file, reused while it parses, is constrained and has a day left (clients started
 * earlier keep trusting it); an older, unconstrained one is replaced.
 */
function loadOrCreateCa(dir: string): {
  cert: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
  file: string;
} {
  const file = path.resolve(dir, 'ca.pem');
  const keyFile = path.resolve(dir, 'ca-key.pem');
  try {
    const cert = forge.pki.certificateFromPem(readFileSync(file, 'utf8'));
    const key = forge.pki.privateKeyFromPem(readFileSync(keyFile, 'utf8')) as forge.pki.rsa.PrivateKey;
    if (isLoopbackOnly(cert) && cert.validity.notAfter.getTime() > Date.now() + DAY_MS) {
      return { cert, key, file };
    }
  } catch {
    // Missing or unreadable: make a new one below.
  }
  const created = createCa();
  mkdirSync(dir, { recursive: true });
  writeFileSync(keyFile, forge.pki.privateKeyToPem(created.key), { mode: 0o600 });
  writeFileSync(file, forge.pki.certificateToPem(created.cert));
  return { ...created, file };
}

/**
 * A server certificate for 127.0.0.1 and localhost, signed by a local CA whose certificate is written to
 * `<dir>/ca.pem`, so that any Node client started with NODE_EXTRA_CA_CERTS=<that file> trusts the server.
 */
export function createTlsMaterial(dir: string): TlsMaterial {
  const ca = loadOrCreateCa(dir);
  const keys = newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = newSerial();
  validity(cert, 365);
  cert.setSubject([{ name: 'commonName', value: '127.0.0.1' }]);
  cert.setIssuer(ca.cert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 7, ip: '127.0.0.1' },
        { type: 2, value: 'localhost' },
      ],
    },
  ]);
  cert.sign(ca.key, forge.md.sha256.create());
  return {
    caFile: ca.file,
    cert: forge.pki.certificateToPem(cert) + forge.pki.certificateToPem(ca.cert),
    key: forge.pki.privateKeyToPem(keys.privateKey),
  };
}
