import { checkTenantWithWaivers } from '../tenant/check';
import { FORMATS, type Format, formatReport } from '../tenant/format';
import { loadTenant } from '../tenant/load';
import { countBySeverity } from '../tenant/problem';
import { EXIT, formatOption, parseOptionValues, runCli, UsageError } from './shell';

const USAGE = `Usage: npm run check -- --env <environment> [--format text|github|json] [--dir tenant]

Checks tenant/tenant.yaml with tenant/environments/<environment>.yaml: YAML, schema, keywords and
secrets, references and the security policy. Needs no network and no secret values.

  --env      environment to check (a file in <dir>/environments/, e.g. dev, prod, local)
  --format   text (default), github (annotations for GitHub Actions) or json
  --dir      folder holding tenant.yaml (default: tenant)
  --help     show this help

Exit code: 0 when there is no error (warnings allowed), 1 otherwise, 70 internal error (a bug).
`;

function parseOptions(argv: string[]): { env: string; format: Format; dir: string } | 'help' {
  const values = parseOptionValues(argv, {
    env: { type: 'string' },
    format: { type: 'string' },
    dir: { type: 'string' },
    help: { type: 'boolean' },
  });
  if (values.help) return 'help';
  if (typeof values.env !== 'string') throw new UsageError('--env is required');
  const dir = typeof values.dir === 'string' ? values.dir : 'tenant';
  return { env: values.env, format: formatOption(values.format, FORMATS), dir };
}

runCli(USAGE, parseOptions, async (options) => {
  const loaded = await loadTenant({ dir: options.dir, env: options.env });
  const { problems, waived } = checkTenantWithWaivers(loaded);
  process.stdout.write(formatReport({ env: options.env, problems, waived }, options.format));
  return countBySeverity(problems).errors > 0 ? EXIT.problems : EXIT.ok;
});
