import { checkTenantWithWaivers } from '../tenant/check';
import { tierChangesSince } from '../tenant/checks/tier';
import { FORMATS, type Format, formatReport } from '../tenant/format';
import { loadTenant } from '../tenant/load';
import { countBySeverity } from '../tenant/problem';
import { EXIT, formatOption, parseOptionValues, runCli, UsageError } from './shell';

const USAGE = `Usage: npm run check -- --env <environment> [--format text|github|json] [--dir tenant] [--base <git ref>]

Checks tenant/tenant.yaml with tenant/environments/<environment>.yaml: YAML, schema, keywords and
secrets, references and the security policy. Needs no network and no secret values.

  --env      environment to check (a file in <dir>/environments/, e.g. dev, prod, local)
  --format   text (default), github (annotations for GitHub Actions) or json
  --dir      folder holding tenant.yaml (default: tenant)
  --base     the branch a pull request goes into (origin/main): any production environment whose tier
             differs there is announced above everything else
  --help     show this help

Exit code: 0 when there is no error (warnings allowed), 1 otherwise, 70 internal error (a bug).
`;

interface Options {
  env: string;
  format: Format;
  dir: string;
  base?: string;
}

function parseOptions(argv: string[]): Options | 'help' {
  const values = parseOptionValues(argv, {
    env: { type: 'string' },
    format: { type: 'string' },
    dir: { type: 'string' },
    base: { type: 'string' },
    help: { type: 'boolean' },
  });
  if (values.help) return 'help';
  if (typeof values.env !== 'string') throw new UsageError('--env is required');
  const dir = typeof values.dir === 'string' ? values.dir : 'tenant';
  return {
    env: values.env,
    format: formatOption(values.format, FORMATS),
    dir,
    ...(typeof values.base === 'string' && { base: values.base }),
  };
}

runCli(USAGE, parseOptions, async (options) => {
  const loaded = await loadTenant({ dir: options.dir, env: options.env });
  const { problems, waived } = checkTenantWithWaivers(loaded);
  const notices = options.base ? tierChangesSince(options.dir, options.base) : [];
  process.stdout.write(formatReport({ env: options.env, problems, waived, notices }, options.format));
  return countBySeverity(problems).errors > 0 ? EXIT.problems : EXIT.ok;
});
