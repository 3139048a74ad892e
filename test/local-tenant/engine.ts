import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import type { LocalTenant } from '../../scripts/local-tenant';
import { RESOURCE_TYPES } from '../../scripts/resources/index';
import { valuesAt } from '../../scripts/resources/paths';
import { wholePlaceholder } from '../../scripts/tenant/placeholders';
import { OUR_TYPES } from './our-tenant';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface ProcessResult {
  code: number | null;
  output: string;
}

/** Runs a Node script in a child process that trusts the local tenant's CA, collecting its output. */
export function runNode(args: string[], tenant: LocalTenant): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: repoRoot,
      env: { ...process.env, NODE_EXTRA_CA_CERTS: tenant.caFile, FORCE_COLOR: '0' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** deploy-cli settings for the local tenant, restricted to our types, deletes off (as our pipeline runs it). */
export function engineConfig(
  tenant: LocalTenant,
  secrets: Record<string, string>,
  types: readonly string[] = OUR_TYPES,
) {
  return {
    AUTH0_DOMAIN: tenant.domain,
    AUTH0_CLIENT_ID: tenant.clientId,
    AUTH0_CLIENT_SECRET: tenant.clientSecret,
    AUTH0_ALLOW_DELETE: false,
    AUTH0_INCLUDED_ONLY: types,
    AUTH0_KEYWORD_REPLACE_MAPPINGS: secrets,
  };
}

type Json = any;

/**
 * Values the tenant never returns as sent (generated or write-only), compared separately or not at all,
 * and the log stream credentials deploy-cli's export writes as a placeholder of its own
 * (`##LOGSTREAMS_HTTP_SECRET##`: its sensitiveFieldsToObfuscate).
 */
const NOT_COMPARED = new Set([
  // A flow vault connection's credentials and their settings: Auth0 never returns `setup` at all.
  'setup',
  'client_secret',
  'configuration',
  'secrets',
  'code',
  'customScripts',
  'httpAuthorization',
  'datadogApiKey',
  'splunkToken',
]);

/**
 * Sections deploy-cli 8.44 cannot export: its read of Guardian factor providers uses a `.data` its SDK no
 * longer returns (our engine patches that read, scripts/engine/deploy-cli-fixes.ts; the bare CLI here
 * does not).
 */
const NOT_EXPORTED = new Set(['guardianFactorProviders']);

function identity(item: Json): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  if (typeof item.name === 'string') return `name=${item.name}`;
  if (typeof item.template === 'string') return `template=${item.template}`;
  if (typeof item.domain === 'string') return `domain=${item.domain}`;
  if (typeof item.displayName === 'string') return `displayName=${item.displayName}`;
  if (typeof item.priority === 'number') return `priority=${item.priority}`;
  // A phone template is one of its kind.
  if (typeof item.type === 'string' && typeof item.content === 'object') return `type=${item.type}`;
  if (typeof item.action_name === 'string') return `action=${item.action_name}`;
  if (typeof item.client_id === 'string') return `${item.client_id}->${item.audience}`;
  if (typeof item.permission_name === 'string')
    return `${item.permission_name}@${item.resource_server_identifier}`;
  if (typeof item.value === 'string') return `value=${item.value}`;
  return undefined;
}

/** Every place where `exported` does not hold what `deployed` says (extra fields in `exported` are fine). */
export function missingFromExport(deployed: Json, exported: Json, where = ''): string[] {
  if (Array.isArray(deployed)) {
    if (!Array.isArray(exported))
      return [`${where}: expected a list, export has ${JSON.stringify(exported)}`];
    if (deployed.every((item) => identity(item) !== undefined)) {
      return deployed.flatMap((item) => {
        const key = identity(item);
        const match = exported.find((candidate: Json) => identity(candidate) === key);
        return match
          ? missingFromExport(item, match, `${where}[${key}]`)
          : [`${where}: ${key} missing from export`];
      });
    }
    // Lists of plain values compare as sets: the export sorts some of them (e.g. attack-protection shields).
    const sorted = (list: Json[]) => JSON.stringify([...list].map((item) => JSON.stringify(item)).sort());
    return sorted(deployed) === sorted(exported)
      ? []
      : [`${where}: deployed ${JSON.stringify(deployed)}, exported ${JSON.stringify(exported)}`];
  }
  if (typeof deployed === 'object' && deployed !== null) {
    if (typeof exported !== 'object' || exported === null) return [`${where}: missing from export`];
    return Object.entries(deployed).flatMap(([key, value]) =>
      NOT_COMPARED.has(key) ? [] : missingFromExport(value, exported[key], `${where}.${key}`),
    );
  }
  // A secret: filled in by the import's keyword mappings, and never exported as it was written.
  if (typeof deployed === 'string' && wholePlaceholder(deployed)) return [];
  return deployed === exported
    ? []
    : [`${where}: deployed ${JSON.stringify(deployed)}, exported ${JSON.stringify(exported)}`];
}

/**
 * A copy of `document` with each file field of the registry (a page's HTML, an email's body) holding the
 * file's text: deploy-cli exports them into folders of its own naming (`./emailTemplates/`), so the text
 * is what must match, not the path.
 */
async function withFileTexts(document: Json, read: (relative: string) => Promise<string>): Promise<Json> {
  const copy = structuredClone(document ?? {});
  for (const type of RESOURCE_TYPES) {
    const section = copy[type.key];
    const items = Array.isArray(section) ? section : section ? [section] : [];
    for (const field of type.files ?? []) {
      for (const item of items) {
        for (const found of valuesAt(item, field.path)) {
          const key = found.segments.at(-1);
          const parent: Json = found.parent;
          if (typeof found.value !== 'string' || key === undefined || !parent) continue;
          const text = await read(found.value).catch(() => `(no file ${found.value})`);
          // JSON files (a form's body) are compared as data: the export writes them in its own layout.
          parent[key] = field.format === 'json' ? parsedOr(text) : text;
        }
      }
    }
  }
  return copy;
}

function parsedOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export interface ExportedTenant {
  document: Json;
  /** Reads a code file the export wrote, by the path the export's YAML gives. */
  code(relative: string): Promise<string>;
}

export async function readExport(folder: string): Promise<ExportedTenant> {
  const document = parse(await readFile(path.join(folder, 'tenant.yaml'), 'utf8'));
  return { document, code: (relative) => readFile(path.resolve(folder, relative), 'utf8') };
}

/**
 * The export matches the deployed tenant: every deployed field is there with its value; action and
 * custom-database code is the deployed code; action secrets keep their names. (deploy-cli never exports a
 * custom database's `configuration`: it is read-only in its export.)
 */
export async function exportDifferences(deployedDir: string, deployed: Json, exported: ExportedTenant) {
  const sections = Object.fromEntries(Object.entries(deployed).filter(([key]) => !NOT_EXPORTED.has(key)));
  const read = (relative: string) => readFile(path.resolve(deployedDir, relative), 'utf8');
  const problems = missingFromExport(
    await withFileTexts(sections, read),
    await withFileTexts(exported.document, exported.code),
  );
  for (const action of deployed.actions ?? []) {
    const match = exported.document.actions?.find((candidate: Json) => candidate.name === action.name);
    if (!match) continue;
    if ((await exported.code(match.code)) !== (await read(action.code)))
      problems.push(`actions[${action.name}].code differs`);
    const names = (list: Json[] | undefined) => (list ?? []).map((secret) => secret.name).sort();
    if (JSON.stringify(names(action.secrets)) !== JSON.stringify(names(match.secrets))) {
      problems.push(`actions[${action.name}].secrets: names differ`);
    }
  }
  for (const database of deployed.databases ?? []) {
    const match = exported.document.databases?.find((candidate: Json) => candidate.name === database.name);
    for (const [script, file] of Object.entries<string>(database.options?.customScripts ?? {})) {
      const exportedFile = match?.options?.customScripts?.[script];
      if (!exportedFile || (await exported.code(exportedFile)) !== (await read(file))) {
        problems.push(`databases[${database.name}].customScripts.${script} differs`);
      }
    }
  }
  return problems;
}
