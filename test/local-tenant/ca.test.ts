/**
 * The README has users trust the local tenant's CA (NODE_EXTRA_CA_CERTS), and its key lies on disk beside
 * the state: so the CA may vouch for this machine's loopback names only. A certificate it signs for any
 * other name is refused by Node's TLS, whoever made it.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalTenant, startLocalTenant } from '../../scripts/local-tenant';

let dir: string;
let tenant: LocalTenant;
let ca: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'local-tenant-ca-'));
  tenant = await startLocalTenant({ port: 0, stateFile: path.join(dir, 'state.json') });
  ca = await readFile(tenant.caFile, 'utf8');
});

afterAll(async () => {
  await tenant?.close();
  await rm(dir, { recursive: true, force: true });
});

type AltName = { type: 2; value: string } | { type: 7; ip: string };

/** A server certificate for `names` signed with the local tenant's CA key, as anyone who read it could. */
async function signedByTheCa(names: AltName[]): Promise<{ cert: string; key: string }> {
  const caCert = forge.pki.certificateFromPem(ca);
  const caKey = forge.pki.privateKeyFromPem(await readFile(path.join(dir, 'ca-key.pem'), 'utf8'));
  const keys = forge.pki.rsa.generateKeyPair(1024);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  cert.setSubject([{ name: 'commonName', value: 'an impostor' }]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: names },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  return {
    cert: forge.pki.certificateToPem(cert) + ca,
    key: forge.pki.privateKeyToPem(keys.privateKey),
  };
}

/** Whether a client trusting only the CA accepts the chain `server` presents (the name aside). */
async function verdictOn(server: { port: number }, servername: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = tls.connect({
      host: '127.0.0.1',
      port: server.port,
      ca,
      servername,
      checkServerIdentity: () => undefined,
    });
    socket.once('secureConnect', () => {
      socket.destroy();
      resolve('trusted');
    });
    // Node names this OpenSSL error `UNSPECIFIED`; its message is OpenSSL's own.
    socket.once('error', (error) => resolve(error.message));
  });
}

async function serving(material: { cert: string; key: string }) {
  const server = tls.createServer(material, (socket) => socket.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe('the local tenant CA', () => {
  it('is trusted for the tenant itself, on 127.0.0.1 and localhost', async () => {
    expect(await verdictOn(tenant, 'localhost')).toBe('trusted');
  });

  it.each<[string, AltName[]]>([
    ['a public host name', [{ type: 2, value: 'login.example.com' }]],
    ['another address', [{ type: 7, ip: '10.0.0.1' }]],
    [
      'a loopback name beside a foreign one',
      [
        { type: 2, value: 'localhost' },
        { type: 2, value: 'evil.test' },
      ],
    ],
  ])('signs nothing Node accepts for %s', async (_story, names) => {
    const impostor = await serving(await signedByTheCa(names));

    const verdict = await verdictOn(impostor, 'localhost');
    await impostor.close();

    expect(verdict).toBe('permitted subtree violation');
  });

  it('says so in a critical name-constraints extension permitting 127.0.0.1, ::1 and localhost only', () => {
    const extension = forge.pki.certificateFromPem(ca).getExtension('nameConstraints') as
      | {
          critical?: boolean;
          permittedSubtrees?: { type: number; value: string }[];
          excludedSubtrees?: unknown[];
        }
      | undefined;

    expect(extension?.critical).toBe(true);
    expect(
      extension?.permittedSubtrees?.map((subtree) =>
        subtree.type === 7 ? forge.util.bytesToHex(subtree.value) : subtree.value,
      ),
    ).toEqual(['7f000001ffffffff', `${'00'.repeat(15)}01${'ff'.repeat(16)}`, 'localhost']);
  });

  it('replaces an unconstrained CA left beside the state by an older version', async () => {
    const older = path.join(dir, 'older');
    await mkdir(older);
    const keys = forge.pki.rsa.generateKeyPair(1024);
    const unconstrained = forge.pki.createCertificate();
    unconstrained.publicKey = keys.publicKey;
    unconstrained.validity.notAfter = new Date(Date.now() + 30 * 86_400_000);
    unconstrained.setSubject([{ name: 'commonName', value: 'Local tenant CA' }]);
    unconstrained.setIssuer(unconstrained.subject.attributes);
    unconstrained.setExtensions([{ name: 'basicConstraints', cA: true, critical: true }]);
    unconstrained.sign(keys.privateKey, forge.md.sha256.create());
    await writeFile(path.join(older, 'ca.pem'), forge.pki.certificateToPem(unconstrained));
    await writeFile(path.join(older, 'ca-key.pem'), forge.pki.privateKeyToPem(keys.privateKey));

    const restarted = await startLocalTenant({ port: 0, stateFile: path.join(older, 'state.json') });
    await restarted.close();

    const replaced = forge.pki.certificateFromPem(await readFile(path.join(older, 'ca.pem'), 'utf8'));
    expect(replaced.getExtension('nameConstraints')).toMatchObject({ critical: true });
  });
});
