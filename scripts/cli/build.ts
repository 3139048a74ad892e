import path from 'node:path';
import { buildTenant } from '../bundle/build-tenant';
import { BUILD_FORMATS, type BuildFormat, formatBuild } from '../bundle/format';
import { loadTenant } from '../tenant/load';
import { EXIT, formatOption, parseOptionValues, runCli, UsageError } from './shell';

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

Exit code: 0 when written (warnings allowed), 1 on any error in the check or the build, 70 internal error (a bug).
`;

interface Options {
  env: string;
  format: BuildFormat;
  dir: string;
  out: string;
}

function parseOptions(argv: string[]): Options | 'help' {
  const values = parseOptionValues(argv, {
    env: { type: 'string' },
    format: { type: 'string' },
    dir: { type: 'string' },
    out: { type: 'string' },
    help: { type: 'boolean' },
  });
  if (values.help) return 'help';
  if (typeof values.env !== 'string') throw new UsageError('--env is required');
  return {
    env: values.env,
    format: formatOption(values.format, BUILD_FORMATS),
    dir: typeof values.dir === 'string' ? values.dir : 'tenant',
    out: typeof values.out === 'string' ? values.out : path.join('dist', values.env),
  };
}

runCli(USAGE, parseOptions, async (options) => {
  const loaded = await loadTenant({ dir: options.dir, env: options.env });
  const result = await buildTenant(loaded, { outDir: options.out });
  process.stdout.write(formatBuild(result, options.format));
  return result.ok ? EXIT.ok : EXIT.problems;
});
