/**
 * Fields of an export that no schema of ours has: ids, states and timestamps Auth0 sets, and anything a
 * deploy could not write back. They are removed (and reported) so that the adopted tenant checks; the
 * schema is the one the check uses, so what stays is exactly what the check accepts.
 */
import type { ErrorObject } from 'ajv';
import { isRecord, type Rec } from '../resources/define';
import { tenantSchemaErrors } from '../tenant/schema/validate';
import { readablePath } from '../tenant/source-map';
import { AdoptedFile } from './adopted-file';
import { deleteAt } from './places';

export interface RemovedField {
  where: string;
  what: string;
}

/** At most this many rounds: a removal can only uncover fields one level deeper. */
const ROUNDS = 6;

export function removeUnknownFields(sections: Rec): RemovedField[] {
  const removed: RemovedField[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const document = asDocument(sections);
    const unknown = removableFields(tenantSchemaErrors(document));
    if (unknown.length === 0) break;
    // Deepest first, and list items from the end, so that earlier pointers stay valid.
    unknown.sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
    for (const pointer of unknown) {
      removed.push({
        where: readablePath(document, pointer),
        what: 'set by Auth0, or not a setting a deploy writes',
      });
      deleteAt(sections, pointerSegments(pointer));
    }
  }
  return removed;
}

/**
 * The additional properties the schema names, where it is sure: inside a choice of shapes (`anyOf`),
 * a field counts as unknown only when every shape that failed at that place names it.
 */
function removableFields(errors: readonly ErrorObject[]): string[] {
  const failedBranches = new Map<string, Set<string>>();
  const flagged = new Map<string, Map<string, Set<string>>>();
  for (const error of errors) {
    const branch = /^(.*\/(?:anyOf|oneOf)\/\d+)/.exec(error.schemaPath)?.[1];
    // A field the schema knows as state Auth0 reports (a custom domain's status): never configuration.
    if (
      error.keyword === 'not' &&
      (error.parentSchema as { readOnly?: unknown } | undefined)?.readOnly === true
    ) {
      flagged.set(error.instancePath, new Map([['', new Set()]]));
      continue;
    }
    // An empty text where the schema wants some (an SMS template never written): Auth0's default, unset.
    if (error.keyword === 'minLength' && error.data === '' && !branch) {
      flagged.set(error.instancePath, new Map([['', new Set()]]));
      continue;
    }
    if (branch) {
      const choice = branch.replace(/\/\d+$/, '');
      const key = `${error.instancePath} ${choice}`;
      if (!failedBranches.has(key)) failedBranches.set(key, new Set());
      failedBranches.get(key)?.add(branch);
    }
    if (error.keyword !== 'additionalProperties') continue;
    const property = String((error.params as { additionalProperty: string }).additionalProperty);
    const pointer = `${error.instancePath}/${property.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    const choice = branch?.replace(/\/\d+$/, '') ?? '';
    if (!flagged.has(pointer)) flagged.set(pointer, new Map());
    const byChoice = flagged.get(pointer) as Map<string, Set<string>>;
    if (!byChoice.has(choice)) byChoice.set(choice, new Set());
    if (branch) byChoice.get(choice)?.add(branch);
  }
  const out: string[] = [];
  for (const [pointer, byChoice] of flagged) {
    const instance = pointer.slice(0, pointer.lastIndexOf('/'));
    const sure = [...byChoice].every(([choice, branches]) => {
      if (choice === '') return true;
      const failed = failedBranches.get(`${instance} ${choice}`);
      return failed !== undefined && failed.size === branches.size;
    });
    // A top-level key is a section: sections are chosen before this, never removed here.
    if (sure && instance !== '') out.push(pointer);
  }
  return out;
}

/** Required fields the sections lack, as `[pointer of the object, missing key]`. */
export function missingRequiredFields(sections: Rec): { segments: (string | number)[]; key: string }[] {
  return tenantSchemaErrors(asDocument(sections))
    .filter((error) => error.keyword === 'required')
    .map((error) => ({
      segments: pointerSegments(error.instancePath),
      key: String((error.params as { missingProperty: string }).missingProperty),
    }));
}

function pointerSegments(pointer: string): (string | number)[] {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** The sections as the check sees them: a file is named by its path. */
function asDocument(value: unknown): unknown {
  if (value instanceof AdoptedFile) return value.repoPath;
  if (Array.isArray(value)) return value.map(asDocument);
  if (isRecord(value))
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, asDocument(item)]));
  return value;
}
