/**
 * A real deploy-cli export (../shared/reference/auth0-deploy-cli/testdata/**\/tenant.yaml) made into a
 * tenant folder of ours, step by step, each step driven by what our check says about it: the export's
 * keywords get sample values, the code and HTML files an export names but the reference does not hold get
 * small realistic stand-ins, and then each refusal the check rightly makes is answered the way its hint
 * says (a literal secret becomes a `##KEY##` from `secrets:`, a section we do not manage is taken out).
 */
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  type Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  stringify,
  visit,
} from 'yaml';
import { CUSTOM_DB_FUNCTIONS } from '../../scripts/bundle/custom-db-script';
import { checkTenant, loadTenant, type Problem } from '../../scripts/tenant';
import { findPlaceholders, maskPlaceholders } from '../../scripts/tenant/placeholders';

/** Every `tenant.yaml` under `root`, relative to it (the glob `**\/tenant.yaml`). */
export async function findTenantFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true });
  return entries.filter((entry) => path.basename(entry) === 'tenant.yaml').sort();
}

export interface TenantCopy {
  /** The tenant folder (tenant.yaml, environments/local.yaml, the files it names). */
  dir: string;
  /** tenant.yaml as the reference wrote it. */
  original: string;
  environment: {
    tier: 'local';
    keywords: Record<string, unknown>;
    secrets: Record<string, { value: string }>;
  };
}

/**
 * Copies the reference file's folder to `dir` with an `environments/local.yaml` giving a sample value to
 * every keyword it uses: `@@KEY@@` inserts a list (the only ones in exports are locales), `##KEY##` text.
 */
export async function copyReference(file: string, dir: string): Promise<TenantCopy> {
  await cp(path.dirname(file), dir, { recursive: true });
  const original = await readFile(file, 'utf8');
  const keywords: Record<string, unknown> = { AUTH0_DOMAIN: '127.0.0.1:8443' };
  for (const placeholder of findPlaceholders(original)) {
    keywords[placeholder.key] ??=
      placeholder.kind === 'array' ? ['en'] : `sample-${placeholder.key.toLowerCase().replaceAll('_', '-')}`;
  }
  const copy: TenantCopy = { dir, original, environment: { tier: 'local', keywords, secrets: {} } };
  await writeEnvironment(copy);
  return copy;
}

export async function writeEnvironment(copy: TenantCopy): Promise<void> {
  await mkdir(path.join(copy.dir, 'environments'), { recursive: true });
  const header = '# Sample values for a reference export: a local tier, throwaway secrets.\n';
  await writeFile(path.join(copy.dir, 'environments', 'local.yaml'), header + stringify(copy.environment));
}

export function checkCopy(copy: TenantCopy): Promise<Problem[]> {
  return loadTenant({ dir: copy.dir, env: 'local' }).then((loaded) => checkTenant(loaded));
}

/** The copy's tenant.yaml as a YAML document, with a way to find the node a problem points at. */
export interface EditableTenant {
  document: Document;
  /** Turns a value as parsed back into what the file says (`@@KEY@@`, `##KEY##`). */
  unmask(text: string): string;
  /** The scalar (value or key) starting at a problem's line and column, with its parents. */
  nodeAt(line: number, column: number): { node: Node; parents: readonly unknown[] };
  save(): Promise<void>;
}

export async function editTenant(copy: TenantCopy): Promise<EditableTenant> {
  const file = path.join(copy.dir, 'tenant.yaml');
  const text = await readFile(file, 'utf8');
  const lineCounter = new LineCounter();
  // Unquoted `@@KEY@@` is not YAML: parsed masked, as the check parses it (same lines and columns).
  const masked = maskPlaceholders(text);
  const document = parseDocument(masked.text, { lineCounter });
  return {
    document,
    unmask: masked.unmask,
    nodeAt(line, column) {
      const offset = (lineCounter.lineStarts[line - 1] ?? Number.NaN) + column - 1;
      let found: { node: Node; parents: readonly unknown[] } | undefined;
      visit(document, {
        Scalar(_key, node, parents) {
          if (node.range?.[0] === offset) found = { node, parents: [...parents] };
        },
      });
      if (!found) throw new Error(`no YAML node at ${file}:${line}:${column}`);
      return found;
    },
    save: () => writeFile(file, masked.unmask(document.toString({ lineWidth: 0 }))),
  };
}

/**
 * Takes out what a problem is about: the list item at its position, or else the mapping entry its path
 * ends with (`clients[Node App].client_authentication_methods`), which holds the position.
 */
export function removeAt(tenant: EditableTenant, problem: Problem): void {
  const { node, parents } = tenant.nodeAt(problem.line, problem.column);
  const parent = parents.at(-1);
  if (isSeq(parent)) {
    parent.items.splice(parent.items.indexOf(node), 1);
    return;
  }
  const field = problem.path.split('.').at(-1);
  const at = parents.findLastIndex(
    (ancestor) => isPair(ancestor) && isScalar(ancestor.key) && ancestor.key.value === field,
  );
  const [map, pair] = [parents[at - 1], parents[at]];
  if (!isMap(map) || !isPair(pair))
    throw new Error(`cannot remove ${problem.path}: no entry ${field} holds it`);
  map.items.splice(map.items.indexOf(pair), 1);
}

/** The keyword a `##KEY##` scalar at a problem's position names. */
export function keywordAt(tenant: EditableTenant, problem: Problem): string {
  const { node } = tenant.nodeAt(problem.line, problem.column);
  const key = isScalar(node) ? findPlaceholders(tenant.unmask(String(node.value)))[0]?.key : undefined;
  if (!key) throw new Error(`${problem.path}: no ##KEY## at ${problem.line}:${problem.column}`);
  return key;
}

/** Puts `##KEY##` where a literal secret was written, and gives KEY a throwaway value under `secrets:`. */
export function replaceWithSecret(copy: TenantCopy, tenant: EditableTenant, problem: Problem, key: string) {
  const { node } = tenant.nodeAt(problem.line, problem.column);
  if (!isScalar(node)) throw new Error(`${problem.path}: not a scalar`);
  // A client's public key is checked as one (it must parse): it keeps its own text, public material.
  const value = problem.path.endsWith('.pem') ? String(node.value) : localSecret(key);
  node.value = `##${key}##`;
  copy.environment.secrets[key] = { value };
}

/** A sensitive value the check wants from `secrets:`, not `keywords:`: moved there with a throwaway value. */
export function moveToSecrets(copy: TenantCopy, key: string): void {
  delete copy.environment.keywords[key];
  copy.environment.secrets[key] = { value: localSecret(key) };
}

const localSecret = (key: string) => `local-${key.toLowerCase().replaceAll('_', '-')}-not-a-secret`;

/**
 * The file a missing-file problem is about (the value at its position, relative to tenant.yaml), written
 * with content of its kind: an Action's code, a custom-database script, a form's JSON, or an HTML page or
 * email.
 */
export async function writeSampleFile(copy: TenantCopy, tenant: EditableTenant, problem: Problem) {
  const { node } = tenant.nodeAt(problem.line, problem.column);
  const relative = String(isScalar(node) ? node.value : '');
  const file = path.resolve(copy.dir, relative);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, sampleContent(problem.path));
  return relative;
}

function sampleContent(at: string): string {
  if (/^actions\[.*\]\.code$/.test(at)) return SAMPLE_ACTION;
  const script = /^databases\[.*\]\.options\.customScripts\.(\w+)$/.exec(at)?.[1];
  if (script) return sampleScript(script);
  const form = /^forms\[(.*)\]\.body$/.exec(at)?.[1];
  if (form !== undefined) return sampleForm(form);
  return sampleHtml(at);
}

/** The smallest form Auth0 shows: one step asking for a name, then back to the login. */
function sampleForm(name: string): string {
  const step = {
    id: 'step_name',
    type: 'STEP',
    coordinates: { x: 500, y: 0 },
    alias: 'Name',
    config: {
      components: [
        { id: 'full_name', category: 'FIELD', type: 'TEXT', label: 'Your name', required: true },
        { id: 'next_button', category: 'BLOCK', type: 'NEXT_BUTTON', config: { text: 'Continue' } },
      ],
      next_node: '$ending',
    },
  };
  const form = {
    name,
    languages: { primary: 'en' },
    nodes: [step],
    start: { next_node: step.id, coordinates: { x: 0, y: 0 } },
    ending: { resume_flow: true, coordinates: { x: 1250, y: 0 } },
  };
  return `${JSON.stringify(form, null, 2)}\n`;
}

/** Tags each login: what an exported "My Custom Action" could do, in the shape our build takes. */
const SAMPLE_ACTION = `/**
 * Sample code for an Action the reference export names but does not hold: it records each login's time.
 */
export const onExecutePostLogin = async (event, api) => {
  api.user.setAppMetadata('last_login_at', new Date(event.authentication?.createdAt ?? Date.now()).toISOString());
};
`;

/**
 * An async script as our build takes it (a default export; the build wraps it into the single named
 * function Auth0 runs), answering as a store without the user would.
 */
function sampleScript(key: string): string {
  const signature = CUSTOM_DB_FUNCTIONS[key];
  if (!signature) throw new Error(`no custom-database script ${key}`);
  const parameters = signature.parameters.join(', ');
  const body =
    key === 'login'
      ? 'throw new errors.WrongUsernameOrPasswordError(email);'
      : key === 'get_user'
        ? 'return undefined; // not in the legacy store: Auth0 lets the user sign up'
        : `throw new Error('${key} is not supported by the legacy store');`;
  return `/** Sample ${key} script for a custom database the reference export names but does not hold. */
export default async function ${signature.name}(${parameters}, { errors }) {
  ${body}
}
`;
}

function sampleHtml(at: string): string {
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>{{ tenant.friendly_name }}</title></head>
  <body>
    <!-- Sample for ${at}: the reference export names this file but does not hold it. -->
    <main><h1>{{ tenant.friendly_name }}</h1><p>Hello {{ user.email }}.</p></main>
  </body>
</html>
`;
}

export interface Answer {
  /** What the test does about it, for the report. */
  does: string;
  apply(copy: TenantCopy, tenant: EditableTenant, problem: Problem): Promise<void> | void;
}

/**
 * What the test does about each error the check may give for a reference export, as the problem's hint
 * says. Any other error fails the test: it is either a bug of ours to fix or a new kind of refusal to
 * review before it gets an answer here.
 */
export const ANSWERS: Readonly<Record<string, Answer>> = {
  'references/missing-file': {
    does: 'writes a sample file',
    apply: async (copy, tenant, problem) => {
      await writeSampleFile(copy, tenant, problem);
    },
  },
  'schema/unknown-key': {
    does: 'removes the section',
    apply: (_copy, tenant, problem) => {
      if (problem.path.includes('.') || problem.path.includes('['))
        throw new Error(`unknown key inside a supported section: ${problem.path}: ${problem.message}`);
      removeAt(tenant, problem);
    },
  },
  'secrets/literal-in-tenant': {
    does: 'writes the ##KEY## the hint names, its value under secrets:',
    apply: (copy, tenant, problem) => {
      const key = /write "##([A-Z0-9_]+)##"/.exec(problem.hint)?.[1];
      if (!key) throw new Error(`no keyword in the hint: ${problem.hint}`);
      replaceWithSecret(copy, tenant, problem, key);
    },
  },
  'secrets/sensitive-keyword': {
    does: 'moves the keyword to secrets:',
    apply: (copy, tenant, problem) => moveToSecrets(copy, keywordAt(tenant, problem)),
  },
  'client-auth-credentials/token-endpoint-auth-method': {
    does: 'removes the field (deploy-cli drops it beside credentials)',
    apply: (_c, t, p) => removeAt(t, p),
  },
  'browser-apps/no-implicit-grant': { does: 'removes the grant', apply: (_c, t, p) => removeAt(t, p) },
  'm2m/management-api-scopes': { does: 'removes the scope', apply: (_c, t, p) => removeAt(t, p) },
};

/** Answers every error of `problems` (all must have an answer), then saves tenant.yaml and the environment. */
export async function answerProblems(copy: TenantCopy, problems: readonly Problem[]): Promise<void> {
  const tenant = await editTenant(copy);
  for (const problem of problems.filter((candidate) => candidate.severity === 'error')) {
    const answer = ANSWERS[problem.rule];
    if (!answer) throw new Error(`no answer to ${problem.rule}: ${problem.message}`);
    await answer.apply(copy, tenant, problem);
  }
  await tenant.save();
  await writeEnvironment(copy);
}
