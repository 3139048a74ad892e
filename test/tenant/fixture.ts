import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const repoTenantDir = path.join(repoRoot, 'tenant');

/** Every code file tenant.yaml references, relative to the repository root. */
export const CODE_FILES = [
  'actions/risk-based-mfa/index.ts',
  'actions/custom-claims/index.ts',
  'actions/user-sync/index.ts',
  'actions/registration-guard/index.ts',
  'actions/custom-database/legacy-users/login.ts',
  'actions/custom-database/legacy-users/get-user.ts',
];

export interface TenantCopy {
  root: string;
  tenantDir: string;
  read(file: string): string;
  write(file: string, text: string): void;
  /** Replaces `find`, which must occur exactly once, so a stale case fails loudly instead of testing nothing. */
  replace(file: string, find: string, replacement: string): void;
  remove(): void;
}

/**
 * A copy of our tenant/ in a temporary folder, with a stand-in file for each code path it references
 * (the checks only need them to exist), so a test can change it freely.
 */
export function copyOurTenant(): TenantCopy {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tenant-check-'));
  const tenantDir = path.join(root, 'tenant');
  cpSync(repoTenantDir, tenantDir, { recursive: true });
  for (const file of CODE_FILES) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), '// stand-in for the check: only its existence matters\n');
  }
  const full = (file: string) => path.join(tenantDir, file);
  return {
    root,
    tenantDir,
    read: (file) => readFileSync(full(file), 'utf8'),
    write: (file, text) => writeFileSync(full(file), text),
    replace(file, find, replacement) {
      const text = readFileSync(full(file), 'utf8');
      const first = text.indexOf(find);
      if (first < 0) throw new Error(`fixture: "${find}" not found in ${file}`);
      if (text.indexOf(find, first + 1) >= 0)
        throw new Error(`fixture: "${find}" occurs more than once in ${file}`);
      writeFileSync(full(file), text.slice(0, first) + replacement + text.slice(first + find.length));
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** 1-based line of the first line containing `snippet`. */
export function lineOf(text: string, snippet: string): number {
  const index = text.indexOf(snippet);
  if (index < 0) throw new Error(`"${snippet}" not found`);
  return text.slice(0, index).split('\n').length;
}

/** A tenant folder written from strings: `{ 'tenant.yaml': '...', 'environments/dev.yaml': '...' }`. */
export function writeTenantFiles(files: Record<string, string>): { tenantDir: string; remove(): void } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tenant-files-'));
  const tenantDir = path.join(root, 'tenant');
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(tenantDir, file)), { recursive: true });
    writeFileSync(path.join(tenantDir, file), text);
  }
  return { tenantDir, remove: () => rmSync(root, { recursive: true, force: true }) };
}
