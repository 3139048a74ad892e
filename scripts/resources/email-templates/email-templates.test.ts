import { describe, expect, it } from 'vitest';
import { writeTenantFiles } from '../../../test/tenant/fixture';
import { planChanges } from '../../plan/plan';
import { checkTenantWithWaivers } from '../../tenant/check';
import { loadTenant } from '../../tenant/load';

const ENVIRONMENT = `tier: production
keywords:
  AUTH0_DOMAIN: example.eu.auth0.com
  EMAIL_FROM: Documents <no-reply@documents.example.com>
`;

const VERIFY = `emailTemplates:
  - template: verify_email
    enabled: true
    body: ./emails/verify_email.html
    from: "##EMAIL_FROM##"
    subject: Confirm your email address
    syntax: liquid
    urlLifetimeInSeconds: 432000
`;

const BODY = '<html>\n  <body><a href="{{ url }}">Confirm {{ user.email }}</a></body>\n</html>\n';

async function check(files: Record<string, string>) {
  const written = writeTenantFiles({ 'environments/prod.yaml': ENVIRONMENT, ...files });
  try {
    const result = checkTenantWithWaivers(await loadTenant({ dir: written.tenantDir, env: 'prod' }));
    return {
      errors: result.problems
        .filter((problem) => problem.severity === 'error' && problem.path.startsWith('emailTemplates'))
        .map(({ rule, line, column }) => ({ rule, line, column })),
      files: result.files ?? [],
    };
  } finally {
    written.remove();
  }
}

describe('email templates in the check', () => {
  it("reads the body from its HTML file, Liquid left for Auth0 and the sender from the environment's keyword", async () => {
    const result = await check({ 'tenant.yaml': VERIFY, 'emails/verify_email.html': BODY });

    expect(result.errors).toEqual([]);
    expect(result.files.map(({ relative, text }) => ({ relative, text }))).toEqual([
      { relative: 'emails/verify_email.html', text: BODY },
    ]);
  });

  it('refuses a template deploy-cli does not manage, at its name', async () => {
    const unknown = VERIFY.replace('template: verify_email', 'template: verify_mail');
    expect((await check({ 'tenant.yaml': unknown, 'emails/verify_email.html': BODY })).errors).toEqual([
      { rule: 'schema/enum', line: 2, column: 15 },
    ]);
  });

  it('refuses the same template twice: deploy-cli would write one over the other', async () => {
    const twice = `${VERIFY}${VERIFY.replace('emailTemplates:\n', '')}`;
    expect((await check({ 'tenant.yaml': twice, 'emails/verify_email.html': BODY })).errors).toEqual([
      { rule: 'references/duplicate-name', line: 9, column: 15 },
    ]);
  });
});

describe('email templates in the plan', () => {
  const template = (fields: Record<string, unknown>) => ({
    emailTemplates: [{ template: 'verify_email', body: BODY, enabled: true, syntax: 'liquid', ...fields }],
  });

  it('finds nothing to do when Auth0 has the template as declared', () => {
    expect(planChanges(template({}), template({ from: '' })).changes).toEqual([]);
  });

  it('updates the subject field by field, and a template Auth0 lacks is a create', () => {
    const subject = planChanges(template({ subject: 'Confirm it' }), template({ subject: 'Confirm' }));
    expect(subject.changes[0]?.fields).toEqual([{ path: 'subject', before: 'Confirm', after: 'Confirm it' }]);

    expect(planChanges(template({}), { emailTemplates: [] }).changes.map((change) => change.action)).toEqual([
      'create',
    ]);
  });

  it('never plans a template away: Auth0 has no delete for one', () => {
    expect(planChanges({ emailTemplates: [] }, template({})).changes).toEqual([]);
  });
});
