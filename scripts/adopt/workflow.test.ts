import { describe, expect, it } from 'vitest';
import { withAdoptedSecrets } from './workflow';

const ONE_JOB_PER_TENANT = `name: deploy
jobs:
  deploy-dev:
    environment: dev
    steps:
      - name: npm run deploy -- --env dev
        env:
          AUTH0_DOMAIN: \${{ secrets.AUTH0_DOMAIN }}
          # The old tenant's secret, gone after the adoption.
          TENANT_SECRET_USER_SYNC_TOKEN: \${{ secrets.TENANT_SECRET_USER_SYNC_TOKEN }}
          ALLOW_DELETE: "false"
        run: npm run deploy -- --env dev
`;

const FLEET = `name: deploy
jobs:
  production-1:
    environment: \${{ matrix.env }}
    steps:
      - name: npm run deploy -- --env \${{ matrix.env }}
        env:
          AUTH0_DOMAIN: \${{ secrets.AUTH0_DOMAIN }}
          TENANT_SECRET_USER_SYNC_TOKEN: \${{ secrets.TENANT_SECRET_USER_SYNC_TOKEN }}
          TENANT: \${{ matrix.env }}
        run: |
          npm run deploy -- --env "$TENANT"
`;

/** A step's env entry handing it a secret of the same name. */
const fromSecrets = (name: string) => `${name}: \${{ secrets.${name} }}`;

describe('the deploy workflow after an adoption', () => {
  it('hands a step that deploys one environment exactly its adopted secrets, and keeps the rest', () => {
    const { text, withoutDeployStep } = withAdoptedSecrets(ONE_JOB_PER_TENANT, {
      dev: ['GOOGLE_OAUTH2_OPTIONS_CLIENT_SECRET', 'CLAIMS_TOKEN'],
      prod: ['CLAIMS_TOKEN'],
    });
    expect(text).not.toContain('TENANT_SECRET_USER_SYNC_TOKEN');
    expect(text).toContain(fromSecrets('TENANT_SECRET_CLAIMS_TOKEN'));
    expect(text).toContain(fromSecrets('TENANT_SECRET_GOOGLE_OAUTH2_OPTIONS_CLIENT_SECRET'));
    expect(text).toContain(fromSecrets('AUTH0_DOMAIN'));
    expect(text).toContain('ALLOW_DELETE: "false"');
    expect(withoutDeployStep).toEqual(['prod']);
  });

  it("hands a wave's matrix step every environment's secrets once, each from its tenant's GitHub environment", () => {
    const { text, withoutDeployStep } = withAdoptedSecrets(FLEET, {
      eu: ['CLAIMS_TOKEN', 'SENDGRID_API_KEY'],
      us: ['CLAIMS_TOKEN'],
    });
    const entries = text.split('\n').filter((line) => line.includes('TENANT_SECRET_'));
    expect(entries.map((line) => line.trim())).toEqual([
      fromSecrets('TENANT_SECRET_CLAIMS_TOKEN'),
      fromSecrets('TENANT_SECRET_SENDGRID_API_KEY'),
    ]);
    expect(text).toContain(`TENANT: \${{ matrix.env }}`);
    expect(withoutDeployStep).toEqual([]);
  });
});
