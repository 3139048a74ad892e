/**
 * Files that tenant.yaml names as a field's value (a page's HTML, an email template's body), read once by
 * the check and handed to the build as text. deploy-cli reads them relative to the YAML file and replaces
 * keywords inside; so do we, with the same rules as in tenant.yaml, and with positions in the file itself.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { RESOURCE_TYPES } from '../resources/index';
import { pathReader } from '../resources/paths';
import { entriesOfType, nameOf } from './checks/read';
import { fileReferenceProblems } from './file-references';
import type { LoadedTenant } from './load';
import { findPlaceholders } from './placeholders';
import { type Problem, problemAt } from './problem';
import { childPointer, locate, type PositionMap, readablePath } from './source-map';

/** A page or an email body is a few kilobytes; Auth0 refuses far less than this. */
export const MAX_REFERENCED_FILE_BYTES = 1 * 2 ** 20;

export interface ReferencedFile {
  /** JSON pointer of the field naming the file, in the resolved tenant. */
  pointer: string;
  /** As written (after keywords in tenant.yaml): `./pages/login.html`. */
  written: string;
  /** Relative to tenant.yaml's folder, forward slashes: `pages/login.html`. */
  relative: string;
  /** The text with the environment's keywords replaced: what Auth0 is given. */
  text: string;
}

interface FileContext {
  loaded: LoadedTenant;
  tenant: Record<string, unknown>;
  sources: PositionMap;
}

/**
 * Every file the registry's file fields name, read and with keywords replaced, and the problems with
 * them: a path outside tenant/, a missing or binary file, a keyword nobody defined, a secret (a page or
 * an email is readable by anyone who can read the tenant, and is sent to users).
 */
export function readReferencedFiles({ loaded, tenant, sources }: FileContext): {
  files: ReferencedFile[];
  problems: Problem[];
  /** Keywords the files use, so that one used only there is not reported unused. */
  usedKeywords: Set<string>;
} {
  const tenantDir = path.dirname(loaded.file);
  const root = real(tenantDir);
  const files: ReferencedFile[] = [];
  const problems: Problem[] = [];
  const usedKeywords = new Set<string>();
  for (const type of RESOURCE_TYPES) {
    for (const field of type.files ?? []) {
      const read = pathReader(field.path);
      for (const entry of entriesOfType(tenant, type)) {
        for (const found of read(entry.item)) {
          if (typeof found.value !== 'string') continue;
          const pointer = found.segments.reduce((at, segment) => childPointer(at, segment), entry.pointer);
          const what = `${type.noun} "${nameOf(entry)}" ${field.what}`;
          const at = (rule: string, message: string, hint: string) =>
            problems.push(
              problemAt(locate(sources, pointer, loaded.file), {
                path: readablePath(tenant, pointer),
                rule,
                message,
                hint,
              }),
            );
          const absolute = path.resolve(tenantDir, found.value);
          if (!isInside(real(absolute), root)) {
            at(
              'references/outside-repository',
              `${what} "${found.value}" is outside the tenant folder ${tenantDir}`,
              `move the file under ${tenantDir}/ and point at it from there`,
            );
            continue;
          }
          const read = readText(absolute);
          if (typeof read !== 'string') {
            at(read.rule, `${what} "${found.value}" ${read.problem}`, read.hint(absolute));
            continue;
          }
          const relative = path.relative(tenantDir, absolute).split(path.sep).join('/');
          const display = path.join(tenantDir, relative);
          const replaced = replaceKeywords(read, display, loaded);
          for (const key of replaced.used) usedKeywords.add(key);
          problems.push(...replaced.problems);
          if (field.format === 'json') {
            problems.push(...jsonProblems(replaced.text, display, what, readablePath(tenant, pointer)));
            problems.push(
              ...fileReferenceProblems(
                field,
                replaced.text,
                display,
                what,
                readablePath(tenant, pointer),
                tenant,
              ),
            );
          }
          files.push({ pointer, written: found.value, relative, text: replaced.text });
        }
      }
    }
  }
  return { files, problems, usedKeywords };
}

type Unreadable = { rule: string; problem: string; hint: (file: string) => string };

function readText(file: string): string | Unreadable {
  let bytes: Buffer;
  try {
    if (statSync(file).size > MAX_REFERENCED_FILE_BYTES) {
      return {
        rule: 'files/too-large',
        problem: `is larger than ${MAX_REFERENCED_FILE_BYTES / 2 ** 20} MiB`,
        hint: () => 'pages and email bodies are small: move images and scripts to a URL the page loads',
      };
    }
    bytes = readFileSync(file);
  } catch {
    return {
      rule: 'references/missing-file',
      problem: 'does not exist (paths are relative to tenant.yaml)',
      hint: (absolute) => `create ${absolute}, or correct the path`,
    };
  }
  const text = bytes.toString('utf8');
  if (text.includes('\uFFFD') || text.includes('\u0000')) {
    return {
      rule: 'files/not-text',
      problem: 'is not UTF-8 text',
      hint: () => 'save it as UTF-8 (pages and email bodies are HTML text)',
    };
  }
  return text;
}

/**
 * deploy-cli's replacement inside a file: `##KEY##` becomes the keyword's text, `@@KEY@@` its JSON. A
 * marker nobody defined would reach users as written, and a secret has no place in what Auth0 shows.
 */
function replaceKeywords(
  text: string,
  file: string,
  loaded: LoadedTenant,
): { text: string; problems: Problem[]; used: string[] } {
  const problems: Problem[] = [];
  const used: string[] = [];
  let out = '';
  let from = 0;
  for (const marker of findPlaceholders(text)) {
    const written = text.slice(marker.start, marker.end);
    const where = { file, ...lineAndColumn(text, marker.start) };
    out += text.slice(from, marker.start);
    from = marker.end;
    used.push(marker.key);
    if (marker.key in loaded.secrets) {
      problems.push(
        problemAt(where, {
          path: '',
          rule: 'secrets/in-readable-field',
          message: `secret ${marker.key} is placed in ${file}, which Auth0 shows to users and to anyone who can read the tenant`,
          hint: 'use a keyword here, or keep the value out of the page',
        }),
      );
      out += written;
      continue;
    }
    if (!(marker.key in loaded.keywords)) {
      problems.push(
        problemAt(where, {
          path: '',
          rule: 'keywords/undefined',
          message: `keyword ${marker.key} is not defined for environment "${loaded.env}"`,
          hint: `add ${marker.key} to ${loaded.environment?.file ?? 'the environment file'}: under keywords:`,
        }),
      );
      out += written;
      continue;
    }
    const value = loaded.keywords[marker.key];
    out += marker.kind === 'array' ? JSON.stringify(value) : String(value);
  }
  return { text: out + text.slice(from), problems, used };
}

/**
 * A file deploy-cli gives to JSON.parse (after keywords): one that does not parse fails the deploy half-way,
 * so the check says where. The position is in the text after keywords, which is the file's own wherever no
 * keyword comes before it.
 */
function jsonProblems(text: string, file: string, what: string, at: string): Problem[] {
  try {
    JSON.parse(text);
    return [];
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const offset = Number(/position (\d+)/.exec(reason)?.[1] ?? 0);
    return [
      problemAt(
        { file, ...lineAndColumn(text, offset) },
        {
          path: at,
          rule: 'files/not-json',
          message: `${what} is not valid JSON: ${reason}`,
          hint: 'fix the JSON syntax (deploy-cli parses the file as JSON); an export writes it with JSON.stringify',
        },
      ),
    ];
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

export function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** The path with symbolic links resolved as far as it exists, so a link cannot lead out of a folder. */
export function real(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    const parent = path.dirname(file);
    return parent === file ? file : path.join(real(parent), path.basename(file));
  }
}
