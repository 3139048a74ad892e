import { parseArgs } from 'node:util';
import { checkTenantWithWaivers } from '../tenant/check';
import { FORMATS, type Format, formatReport } from '../tenant/format';
import { loadTenant } from '../tenant/load';
import { countBySeverity } from '../tenant/problem';

const USAGE = `Usage: npm run check -- --env <environment> [--format text|github|json] [--dir tenant]

Checks tenant/tenant.yaml with tenant/environments/<environment>.yaml: YAML, schema, keywords and
secrets, references and the security policy. Needs no network and no secret values.

  --env      environment to check (a file in <dir>/environments/, e.g. dev, prod, local)
  --format   text (default), github (annotations for GitHub Actions) or json
  --dir      folder holding tenant.yaml (default: tenant)
  --help     show this help

Exit code: 0 when there is no error (warnings allowed), 1 otherwise.
`;

class UsageError extends Error {}

function parseOptions(argv: string[]): { env: string; format: Format; dir: string } | 'help' {
  let values: { env?: string; format?: string; dir?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        env: { type: 'string' },
        format: { type: 'string' },
        dir: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return 'help';
  if (!values.env) throw new UsageError('--env is required');
  const format = values.format ?? 'text';
  if (!FORMATS.includes(format as Format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${format}"`);
  }
  return { env: values.env, format: format as Format, dir: values.dir ?? 'tenant' };
}

async function main(argv: string[]): Promise<number> {
  let options: ReturnType<typeof parseOptions>;
  try {
    options = parseOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`error: ${error.message}\n\n${USAGE}`);
    return 1;
  }
  if (options === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }

  const loaded = await loadTenant({ dir: options.dir, env: options.env });
  const { problems, waived } = checkTenantWithWaivers(loaded);
  process.stdout.write(formatReport({ env: options.env, problems, waived }, options.format));
  return countBySeverity(problems).errors > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Not a mistake in the tenant files (those are problems): a bug or an unreadable disk. Show everything.
    process.stderr.write(
      `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
