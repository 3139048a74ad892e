import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Problem, problemAt } from './problem';
import { ENV_VAR_NAME, TIERS, type Tier } from './schema/environment';
import { validateEnvironmentSchema } from './schema/validate';
import { POLICY_WAIVERS_KEY } from './schema/waivers';
import { childPointer, locate, type PositionMap } from './source-map';
import { waveTierProblem } from './wave';
import { parseYamlFile } from './yaml-file';

/** Where a secret's value comes from at deploy time: an environment variable, or (local tier only) inline. */
export type SecretSource = { env: string } | { value: string };

export interface Waiver {
  rule: string;
  target: string;
  reason: string;
  expires?: string;
  /** Where the waiver is written, so a stale or expired one can be pointed at. */
  file: string;
  line: number;
  column: number;
}

export interface LoadedEnvironment {
  name: string;
  file: string;
  tier: Tier | undefined;
  /** The environment file as plain data. */
  data: Record<string, unknown>;
  sources: PositionMap;
}

export type TenantDocument = Record<string, unknown>;

export interface LoadedTenant {
  dir: string;
  env: string;
  /** Path of tenant.yaml as the caller named the directory (`tenant/tenant.yaml`). */
  file: string;
  /** tenant.yaml as plain data, placeholders as written; null when it could not be read or parsed. */
  tenant: TenantDocument | null;
  /** JSON pointer -> file:line:column for every node of tenant.yaml. */
  sources: PositionMap;
  /**
   * Pointers of tenant.yaml's strings that may hold a `##KEY##` or `@@KEY@@` marker, in document order, as
   * the reader found them. Keyword resolution replaces only these: a `tenant` changed after loading, or a
   * LoadedTenant made by hand, must list its own.
   */
  placeholderPointers: string[];
  environment: LoadedEnvironment | null;
  keywords: Record<string, unknown>;
  secrets: Record<string, SecretSource>;
  waivers: Waiver[];
  problems: Problem[];
}

const KEYWORD_NAME = /^[A-Z][A-Z0-9_]*$/;
const ENVIRONMENT_NAME = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Reads `<dir>/tenant.yaml` and `<dir>/environments/<env>.yaml`. Never throws for a user mistake: a
 * missing file, a YAML syntax error or a malformed environment file is a problem in the result.
 */
export async function loadTenant({ dir, env }: { dir: string; env: string }): Promise<LoadedTenant> {
  const file = path.join(dir, 'tenant.yaml');
  const loaded: LoadedTenant = {
    dir,
    env,
    file,
    tenant: null,
    sources: {},
    placeholderPointers: [],
    environment: null,
    keywords: {},
    secrets: {},
    waivers: [],
    problems: [],
  };

  const tenantText = await readText(file);
  if (tenantText === undefined) {
    loaded.problems.push(
      problemAt(
        { file, line: 1, column: 1 },
        {
          path: '',
          rule: 'files/not-found',
          message: `${file} does not exist`,
          hint: 'run from the repository root, or pass --dir <folder that holds tenant.yaml>',
        },
      ),
    );
  } else {
    const parsed = parseYamlFile(tenantText, file);
    loaded.problems.push(...parsed.problems);
    loaded.sources = parsed.sources;
    loaded.placeholderPointers = parsed.placeholderPointers;
    if (parsed.problems.every((problem) => problem.severity !== 'error')) {
      loaded.tenant = asTenantDocument(parsed.data, file, loaded.problems);
      if (loaded.tenant) loaded.waivers.push(...readWaivers(loaded.tenant, parsed.sources, file));
    }
  }

  await loadEnvironment(loaded);
  return loaded;
}

async function loadEnvironment(loaded: LoadedTenant): Promise<void> {
  const environmentsDir = path.join(loaded.dir, 'environments');
  const file = path.join(environmentsDir, `${loaded.env}.yaml`);
  const text = ENVIRONMENT_NAME.test(loaded.env) ? await readText(file) : undefined;
  if (text === undefined) {
    const available = await listEnvironments(environmentsDir);
    loaded.problems.push(
      problemAt(
        { file, line: 1, column: 1 },
        {
          path: '',
          rule: 'files/not-found',
          message: `environment "${loaded.env}" has no file ${file}`,
          hint: available.length > 0 ? `environments available: ${available.join(', ')}` : `create ${file}`,
        },
      ),
    );
    return;
  }

  const read = readEnvironmentFile(text, file, loaded.env);
  loaded.problems.push(...read.problems);
  if (!read.environment) return;
  loaded.environment = read.environment;
  const { data, sources } = read.environment;

  if (isRecord(data.keywords)) {
    for (const [key, value] of Object.entries(data.keywords)) {
      if (checkName(key, childPointer('/keywords', key), sources, file, loaded.problems))
        loaded.keywords[key] = value;
    }
  }
  if (isRecord(data.secrets)) {
    for (const [key, source] of Object.entries(data.secrets)) {
      const pointer = childPointer('/secrets', key);
      if (!checkName(key, pointer, sources, file, loaded.problems)) continue;
      if (!isRecord(source) || 'env' in source === 'value' in source) {
        loaded.problems.push(
          problemAt(locate(sources, pointer, file), {
            path: `secrets.${key}`,
            rule: 'secrets/source',
            message: `secret ${key} must name exactly one source: "env: VARIABLE_NAME" (or, in a local environment only, "value: ...")`,
            hint: `write "${key}: { env: TENANT_SECRET_${key} }"`,
          }),
        );
        continue;
      }
      // A malformed env name or empty value is a schema problem, reported by the schema check.
      if (typeof source.env === 'string' && new RegExp(ENV_VAR_NAME).test(source.env)) {
        loaded.secrets[key] = { env: source.env };
      } else if (typeof source.value === 'string' && source.value !== '') {
        loaded.secrets[key] = { value: source.value };
      }
    }
  }
  loaded.waivers.push(...readWaivers(data, sources, file));
}

/**
 * One environment file's text as every reader takes it (the check and the fleet): its YAML, its schema,
 * a wave outside production, and its tier. `environment` is null when the YAML does not parse.
 */
export function readEnvironmentFile(
  text: string,
  file: string,
  name: string,
): { environment: LoadedEnvironment | null; problems: Problem[] } {
  const parsed = parseYamlFile(text, file);
  const problems = [...parsed.problems];
  if (parsed.problems.some((problem) => problem.severity === 'error')) return { environment: null, problems };
  const data = isRecord(parsed.data) ? parsed.data : {};
  const sources = parsed.sources;
  problems.push(...validateEnvironmentSchema({ document: parsed.data ?? {}, sources, file }));
  const waveProblem = waveTierProblem(data, sources, file);
  if (waveProblem) problems.push(waveProblem);
  const tier = TIERS.find((candidate) => candidate === data.tier);
  return { environment: { name, file, tier, data, sources }, problems };
}

function checkName(
  key: string,
  pointer: string,
  sources: PositionMap,
  file: string,
  problems: Problem[],
): boolean {
  if (KEYWORD_NAME.test(key)) return true;
  const at = locate(sources, pointer, file);
  problems.push(
    problemAt(
      { file: at.file, line: at.keyLine ?? at.line, column: at.keyColumn ?? at.column },
      {
        path: pointer.slice(1).replace('/', '.'),
        rule: 'keywords/invalid-name',
        message: `"${key}" cannot be a keyword: deploy-cli only replaces UPPER_CASE names`,
        hint: `rename it to ${key.toUpperCase().replace(/[^A-Z0-9_]/g, '_')} here and in tenant.yaml`,
      },
    ),
  );
  return false;
}

function readWaivers(data: Record<string, unknown>, sources: PositionMap, file: string): Waiver[] {
  const list = data[POLICY_WAIVERS_KEY];
  if (!Array.isArray(list)) return [];
  const waivers: Waiver[] = [];
  list.forEach((entry: unknown, index) => {
    if (!isRecord(entry)) return;
    const { rule, target, reason, expires } = entry;
    if (typeof rule !== 'string' || typeof target !== 'string' || typeof reason !== 'string') return;
    const at = locate(sources, childPointer(`/${POLICY_WAIVERS_KEY}`, index), file);
    waivers.push({
      rule,
      target,
      reason,
      ...(typeof expires === 'string' ? { expires } : {}),
      file: at.file,
      line: at.line,
      column: at.column,
    });
  });
  return waivers;
}

function asTenantDocument(data: unknown, file: string, problems: Problem[]): TenantDocument | null {
  if (data === null || data === undefined) return {};
  if (isRecord(data)) return data;
  problems.push(
    problemAt(
      { file, line: 1, column: 1 },
      {
        path: '',
        rule: 'schema/type',
        message: 'tenant.yaml must be a mapping of sections (clients:, actions:, ...)',
        hint: 'start the file with a section name such as "clients:"',
        expected: 'a mapping',
        found: Array.isArray(data) ? 'a list' : typeof data,
      },
    ),
  );
  return null;
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

async function listEnvironments(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir))
      .filter((name) => name.endsWith('.yaml'))
      .map((name) => name.slice(0, -'.yaml'.length))
      .sort();
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
