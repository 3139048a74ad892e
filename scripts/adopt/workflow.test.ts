import { describe, expect, it } from 'vitest';
import { withAdoptedSecrets } from './workflow';

const WORKFLOW = `name: deploy
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

describe('the deploy workflow after an adoption', () => {
  it("hands each deploy step exactly its environment's adopted secrets, and keeps the rest", () => {
    const { text, withoutDeployStep } = withAdoptedSecrets(WORKFLOW, {
      dev: ['GOOGLE_OAUTH2_OPTIONS_CLIENT_SECRET', 'CLAIMS_TOKEN'],
      prod: ['CLAIMS_TOKEN'],
    });
    expect(text).not.toContain('TENANT_SECRET_USER_SYNC_TOKEN');
    expect(text).toContain('TENANT_SECRET_CLAIMS_TOKEN: ${{ secrets.TENANT_SECRET_CLAIMS_TOKEN }}');
    expect(text).toContain(
      'TENANT_SECRET_GOOGLE_OAUTH2_OPTIONS_CLIENT_SECRET: ${{ secrets.TENANT_SECRET_GOOGLE_OAUTH2_OPTIONS_CLIENT_SECRET }}',
    );
    expect(text).toContain('AUTH0_DOMAIN: ${{ secrets.AUTH0_DOMAIN }}');
    expect(text).toContain('ALLOW_DELETE: "false"');
    expect(withoutDeployStep).toEqual(['prod']);
  });
});
