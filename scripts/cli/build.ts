import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildTenant } from '../build/build-tenant';
import { BUILD_FORMATS, type BuildFormat, formatBuild } from '../build/format';

const USAGE = `Usage: npm run build -- --env <environment> [--format text|github|json] [--dir tenant] [--out dist/<env>]

Runs the check (npm run check), then bundles every Action and custom-database script with esbuild and
writes <out>/tenant.yaml (keywords resolved, secrets left as ##NAME## placeholders) with the code beside
it, ready for auth0-deploy-cli. Writes nothing unless the check and the build pass. Needs no network and
no secret values.

  --env      environment to build (a file in <dir>/environments/, e.g. dev, prod, local)
  --format   text (default), github (annotations for GitHub Actions) or json
  --dir      folder holding tenant.yaml (default: tenant)
  --out      output folder, replaced as a whole (default: dist/<env>)
  --help     show this help

Exit code: 0 when written (warnings allowed), 1 on any error in the check or the build.
`;

class UsageError extends Error {}

interface Options {
  env: string;
  format: BuildFormat;
  dir: string;
  out: string;
}

function parseOptions(argv: string[]): Options | 'help' {
  let values: { env?: string; format?: string; dir?: string; out?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        env: { type: 'string' },
        format: { type: 'string' },
        dir: { type: 'string' },
        out: { type: 'string' },
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
  if (!BUILD_FORMATS.includes(format as BuildFormat)) {
    throw new UsageError(`--format must be one of ${BUILD_FORMATS.join(', ')}, not "${format}"`);
  }
  return {
    env: values.env,
    format: format as BuildFormat,
    dir: values.dir ?? 'tenant',
    out: values.out ?? path.join('dist', values.env),
  };
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

  const result = await buildTenant({ dir: options.dir, env: options.env, outDir: options.out });
  process.stdout.write(formatBuild(result, options.format));
  return result.ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Not a mistake in the tenant or the code (those are problems): a bug or an unwritable disk.
    process.stderr.write(
      `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
