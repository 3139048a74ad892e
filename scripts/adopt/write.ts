/**
 * The repository's own files for an adopted tenant, as text: tenant.yaml, an environment file per
 * environment, and each Action's generated test. Deterministic (no dates, sorted where order is ours), so
 * a second adopt of the same tenants writes the same bytes.
 */
import { stringify } from 'yaml';
import { TRIGGER_HANDLERS } from '../bundle/action';
import type { Rec } from '../resources/define';
import { POLICY_WAIVERS_KEY } from '../tenant/schema/waivers';
import type { TidyTenant } from './tidy';

export interface Waiver {
  rule: string;
  target: string;
  reason: string;
}

export const ADOPTED_REASON = 'adopted, review';

const yaml = (value: unknown) => stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });

export function tenantFileText(
  sections: Rec,
  tenants: readonly TidyTenant[],
  waivers: readonly Waiver[],
): string {
  const sources = tenants.map((tenant) => `#   ${tenant.env}: ${tenant.label}`).join('\n');
  const header = `# Our Auth0 tenant, in auth0-deploy-cli's YAML format, adopted by \`npm run adopt\` from:
${sources}
#
# A value that differs between environments is a keyword: "##NAME##" inserts text, "@@NAME@@" a whole
# value, from tenant/environments/<env>.yaml. Secrets are read from the environment variables their
# environment file names, never written here. Every policy finding on the adopted tenants is waived below
# with "reason: ${ADOPTED_REASON}": each is security debt to fix or to justify with a real reason.
`;
  const document = waivers.length > 0 ? { ...sections, [POLICY_WAIVERS_KEY]: waivers } : sections;
  return `${header}\n${yaml(document)}`;
}

export function environmentFileText(
  tenant: TidyTenant,
  keywords: Rec,
  secrets: readonly string[],
  waivers: readonly Waiver[],
): string {
  const tier = tierOf(tenant);
  const header = `# The ${tenant.env} tenant (${tenant.label}), adopted by \`npm run adopt\`. Keywords are the values that
# differ from the other environments; each secret names the environment variable a deploy reads it from
# (set it as a secret of the GitHub "${tenant.env}" environment).
`;
  const document: Rec = {
    tier,
    description: `Adopted from ${tenant.label}`,
    keywords: { AUTH0_DOMAIN: tenant.domain, ...keywords },
  };
  if (secrets.length > 0) {
    document.secrets = Object.fromEntries(
      [...secrets].sort().map((name) => [name, { env: secretVariable(name) }]),
    );
  }
  if (waivers.length > 0) document[POLICY_WAIVERS_KEY] = waivers;
  return `${header}\n${yaml(document)}`;
}

export const secretVariable = (name: string) => `TENANT_SECRET_${name}`;

/** Production by name (`prod`, `production-eu`); the local stand-in is `local`; the rest development. */
export function tierOf(tenant: { env: string; local: boolean }): 'production' | 'development' | 'local' {
  if (tenant.local) return 'local';
  return /^prod/i.test(tenant.env) ? 'production' : 'development';
}

/** The kit's runner for each trigger it has, and the handler type it runs. */
const TRIGGER_KITS: Readonly<Record<string, { kit: string; handler: string; type: string; types: string }>> =
  {
    'post-login': {
      kit: 'postLogin',
      handler: 'onExecutePostLogin',
      type: 'PostLoginHandler',
      types: 'post-login/v3',
    },
    'pre-user-registration': {
      kit: 'preUserRegistration',
      handler: 'onExecutePreUserRegistration',
      type: 'PreUserRegistrationHandler',
      types: 'pre-user-registration/v2',
    },
  };

/** An adopted Action's first test: it loads as Auth0 loads it, and runs the kit's default event. */
export function actionTestText(action: {
  name: string;
  triggers: readonly string[];
  env: string;
  /** The code file beside the test (`index.cjs`, or `index.prod.cjs` when environments differ). */
  codeFile: string;
}): string {
  const kits = action.triggers.flatMap((trigger) => (TRIGGER_KITS[trigger] ? [TRIGGER_KITS[trigger]] : []));
  const typeImports = kits
    .map((kit) => `import type { ${kit.type} } from '@auth0/actions/${kit.types}';\n`)
    .join('');
  const kitImport =
    kits.length > 0 ? `import { ${kits.map((kit) => kit.kit).join(', ')} } from '../../test/kit';\n` : '';
  const handlerTests = action.triggers
    .map(
      (trigger) => `  it('exports the handler Auth0 calls for ${trigger}', () => {
    expect(typeof action.${handlerName(trigger)}).toBe('function');
  });
`,
    )
    .join('\n');
  const runs = kits
    .map(
      (kit) => `
  it('runs through the default ${kit.kit} event of the kit', async () => {
    const handler = action.${kit.handler} as ${kit.type};
    await expect(${kit.kit}().run(handler)).resolves.toBeDefined();
  });
`,
    )
    .join('');
  return `/**
 * ${action.name}, adopted by \`npm run adopt\` from the ${action.env} tenant: ${action.codeFile} is the JavaScript Auth0
 * ran, kept as it was (the build checks it and deploys it unchanged). These first tests load it and run
 * it once; write the stories it must keep (see the other Actions' tests). To convert it to TypeScript, move its
 * logic into index.ts and a pure decision module, point \`code:\` in tenant.yaml at index.ts, and delete
 * ${action.codeFile}: the plan then shows the new code as the one change.
 */
import { createRequire } from 'node:module';
${typeImports}import { describe, expect, it } from 'vitest';
${kitImport}
const action = createRequire(import.meta.url)('./${action.codeFile}') as Record<string, unknown>;

describe('${action.name.replaceAll("'", "\\'")} (adopted)', () => {
${handlerTests}${runs}});
`;
}

function handlerName(trigger: string): string {
  return (
    TRIGGER_HANDLERS[trigger] ??
    `onExecute${trigger.replace(/(^|-)([a-z])/g, (_all, _dash, letter: string) => letter.toUpperCase())}`
  );
}
