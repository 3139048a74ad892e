import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sectionErrors } from '../../../test/tenant/section-errors';
import { fingerprintKey } from '../../plan/fingerprints';
import { formatPlan } from '../../plan/format';
import { planChanges } from '../../plan/plan';
import { sealSecrets } from '../../plan/seal';
import { SECRET_NEW, SECRET_SET } from '../../plan/types';
import { pemProblem } from './check';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PUBLIC_KEY = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const PRIVATE_KEY = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

/** An environment whose secret REPORTING_KEY holds `pem`, indented as a YAML block. */
const environment = (pem: string) => `tier: production
keywords:
  AUTH0_DOMAIN: example.eu.auth0.com
secrets:
  REPORTING_KEY:
    value: |
${pem
  .trimEnd()
  .split('\n')
  .map((line) => `      ${line}`)
  .join('\n')}
  OTHER_KEY:
    value: |
${pem
  .trimEnd()
  .split('\n')
  .map((line) => `      ${line}`)
  .join('\n')}
  THIRD_KEY:
    value: |
${pem
  .trimEnd()
  .split('\n')
  .map((line) => `      ${line}`)
  .join('\n')}
`;

const reporting = (credentials: string, extra = '') => `clients:
  - name: Reporting
    app_type: non_interactive
    grant_types: [client_credentials]${extra}
    client_authentication_methods:
      private_key_jwt:
        credentials:
${credentials}`;

const key = (name: string, secret: string) => `          - name: ${name}
            credential_type: public_key
            pem: "##${secret}##"
`;

describe('private-key JWT credentials in the check', () => {
  it('takes a client that signs in with an RSA public key from the environment', async () => {
    const tenant = reporting(key('reporting-2026', 'REPORTING_KEY'));

    expect(await sectionErrors('clients', tenant, environment(PUBLIC_KEY))).toEqual([]);
  });

  it('refuses key material that is not a public key, at the pem field', async () => {
    const tenant = reporting(key('reporting-2026', 'REPORTING_KEY'));

    expect(await sectionErrors('clients', tenant, environment('not a key\n'))).toEqual([
      { rule: 'client-auth-credentials/pem', line: 10, column: 18 },
    ]);
  });

  it('refuses a third credential of one method: Auth0 keeps two, the current and the rotating one', async () => {
    const tenant = reporting(
      key('one', 'REPORTING_KEY') + key('two', 'OTHER_KEY') + key('three', 'THIRD_KEY'),
    );

    expect(await sectionErrors('clients', tenant, environment(PUBLIC_KEY))).toEqual([
      { rule: 'client-auth-credentials/too-many', line: 14, column: 13 },
    ]);
  });

  it('refuses a token_endpoint_auth_method beside the credentials (Auth0 wants it null)', async () => {
    const tenant = reporting(
      key('one', 'REPORTING_KEY'),
      '\n    token_endpoint_auth_method: client_secret_post',
    );

    expect(await sectionErrors('clients', tenant, environment(PUBLIC_KEY))).toEqual([
      { rule: 'client-auth-credentials/token-endpoint-auth-method', line: 5, column: 33 },
    ]);
  });

  it('refuses a pem written in the file: key material comes from secrets:', async () => {
    const tenant = reporting(`          - name: inline
            credential_type: public_key
            pem: "${PUBLIC_KEY.replace(/\n/g, '\\n')}"
`);

    const rules = (await sectionErrors('clients', tenant, environment(PUBLIC_KEY))).map((p) => p.rule);
    expect(rules).toEqual(['secrets/literal-in-tenant']);
  });
});

describe('the pem of a credential', () => {
  it.each([
    ['an RSA public key', PUBLIC_KEY, 'public_key', undefined],
    ['a private key', PRIVATE_KEY, 'public_key', 'it is a private key: Auth0 takes the public half only'],
    ['text', 'hello', 'public_key', 'it does not parse as a PEM public key (-----BEGIN PUBLIC KEY-----)'],
    [
      'a public key as a certificate',
      PUBLIC_KEY,
      'x509_cert',
      'it does not parse as a PEM X.509 certificate (-----BEGIN CERTIFICATE-----)',
    ],
  ])('%s', (_story, pem, type, problem) => {
    expect(pemProblem(pem, type)).toBe(problem);
  });
});

const HEADING = { mode: 'plan', env: 'prod', target: 'example.eu.auth0.com', allowDelete: false } as const;

describe('private-key JWT credentials in the plan', () => {
  const key = fingerprintKey('deploy-client-secret-of-the-tests');
  /** The client as the deploy sends it: its key filled in from the secret, fingerprinted in client_metadata. */
  const desired = (pem: string) =>
    sealSecrets(
      {
        clients: [
          {
            name: 'Reporting',
            app_type: 'non_interactive',
            client_authentication_methods: {
              private_key_jwt: {
                credentials: [
                  { name: 'reporting-2026', credential_type: 'public_key', pem: '##REPORTING_KEY##' },
                ],
              },
            },
          },
        ],
      },
      { key, names: ['REPORTING_KEY'], values: { REPORTING_KEY: pem } },
    ).assets;
  /** As deploy-cli reads it back: each credential by name and type, never its pem. */
  const asRead = (sent: Record<string, unknown>) => {
    const [client] = sent.clients as Record<string, unknown>[];
    return {
      clients: [
        {
          ...client,
          client_id: 'cid-reporting',
          client_authentication_methods: {
            private_key_jwt: { credentials: [{ name: 'reporting-2026', credential_type: 'public_key' }] },
          },
        },
      ],
    };
  };

  it('finds nothing to do once the key it deployed is the one in the environment', () => {
    expect(planChanges(desired(PUBLIC_KEY), asRead(desired(PUBLIC_KEY))).changes).toEqual([]);
  });

  it('sees a new key under the same name by its fingerprint (deploy-cli will not rewrite it: see the module), and never prints a key', () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();

    const plan = planChanges(desired(other), asRead(desired(PUBLIC_KEY)));

    expect(plan.changes[0]?.fields).toEqual([
      {
        path: 'client_authentication_methods.private_key_jwt.credentials.0.pem',
        before: SECRET_SET,
        after: SECRET_NEW,
        secret: true,
      },
    ]);
    expect(formatPlan(plan, 'text', HEADING)).not.toContain('BEGIN PUBLIC KEY');
  });

  it('creates a client with its credential by name, its key shown as a secret', () => {
    const plan = planChanges(desired(PUBLIC_KEY), { clients: [] });

    expect(plan.changes[0]?.fields).toContainEqual({
      path: 'client_authentication_methods.private_key_jwt.credentials',
      after: [{ name: 'reporting-2026', credential_type: 'public_key' }],
    });
    expect(formatPlan(plan, 'text', HEADING)).not.toContain('BEGIN PUBLIC KEY');
    expect(formatPlan(plan, 'markdown', HEADING)).not.toContain('BEGIN PUBLIC KEY');
  });
});
