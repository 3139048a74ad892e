import { RESOURCE_TYPES, type SecretPath } from '../../resources/index';
import {
  isSensitiveAt,
  type PathValue,
  pathReader,
  placeOf,
  secretNameAt,
  secretPathAt,
} from '../../resources/paths';
import type { LoadedTenant } from '../load';
import { wholePlaceholder } from '../placeholders';
import { type Problem, problemAt } from '../problem';
import type { ResolvedTenant } from '../resolve';
import { childPointer, locate, parentPointer, readablePath } from '../source-map';
import { asString, type Entry, entriesOfType } from './read';
import { decideTier } from './tier';

/**
 * Secrets stay out of the repository: every place that holds one in tenant.yaml (the secret paths the
 * resource registry declares) must be a `##KEY##` placeholder, a sensitive one must come from `secrets:`
 * (an environment variable), no secret may fill any other field, and only a local-tier environment file
 * may write a value itself. Messages never repeat a secret's value.
 */
interface SecretSlot {
  value: unknown;
  secret: SecretPath;
  found: PathValue;
  entry: Entry;
}

export function checkSecrets(
  loaded: LoadedTenant,
  resolved?: Pick<ResolvedTenant, 'tenant' | 'sources' | 'keywordOrigins' | 'secretPlaceholders'>,
): Problem[] {
  const problems: Problem[] = [];
  if (resolved) {
    problems.push(...secretsInsideKeywords(loaded, resolved));
    problems.push(...secretsInReadableFields(resolved));
  }
  const environment = loaded.environment;
  // A local tier counts only for the local tenant (decideTier): a real one with tier: local is production.
  if (environment && decideTier(loaded).tier !== 'local') {
    for (const [key, source] of Object.entries(loaded.secrets)) {
      if (!('value' in source)) continue;
      problems.push(
        problemAt(locate(environment.sources, `/secrets/${key}/value`, environment.file), {
          path: `secrets.${key}.value`,
          rule: 'secrets/literal-in-environment',
          message: `secret ${key} has its value written in the file; only a local environment may do that`,
          hint: `replace "value: ..." with "env: TENANT_SECRET_${key}", set that variable in the deploy job, and rotate the exposed value`,
        }),
      );
    }
  }
  if (!loaded.tenant) return problems;

  for (const slot of secretSlots(loaded.tenant)) {
    if (typeof slot.value !== 'string') continue;
    const placeholder = wholePlaceholder(slot.value);
    if (placeholder && !(placeholder.key in loaded.keywords && isSensitiveSlot(slot))) continue;
    const { pointer, label, suggestedKey } = describeSlot(slot);
    const at = locate(loaded.sources, pointer, loaded.file);
    const path = readablePath(loaded.tenant, pointer);
    if (!placeholder) {
      problems.push(
        problemAt(at, {
          path,
          rule: 'secrets/literal-in-tenant',
          message: `${label} is written literally in tenant.yaml; it must be a ##KEY## placeholder`,
          hint: `write "##${suggestedKey}##" here and declare ${suggestedKey} in tenant/environments/<env>.yaml: under secrets: (the environment variable it comes from) or, if it is not sensitive, under keywords:`,
          expected: 'a placeholder such as "##NAME##"',
          found: `a literal string (${slot.value.length} characters)`,
        }),
      );
    } else {
      problems.push(
        problemAt(at, {
          path,
          rule: 'secrets/sensitive-keyword',
          message: `${label} is sensitive, but ${placeholder.key} is a keyword: its value is committed in ${environment?.file ?? 'the environment file'}`,
          hint: `move ${placeholder.key} from keywords: to secrets: as "{ env: TENANT_SECRET_${placeholder.key} }"`,
        }),
      );
    }
  }
  return problems;
}

/**
 * A `@@KEY@@` that inserts a whole list or mapping (`secrets: "@@SYNC_SECRETS@@"`, `configuration:
 * "@@LEGACY_CONFIG@@"`) hides the slots inside it from tenant.yaml: a value written there is a literal
 * in the environment file, and would be built into dist/ as it is. Only a `##SECRET##` placeholder of a
 * declared secret may fill such a slot (it is filled at deploy time, like one in tenant.yaml).
 */
function secretsInsideKeywords(
  loaded: LoadedTenant,
  resolved: Pick<ResolvedTenant, 'tenant' | 'sources' | 'keywordOrigins'>,
): Problem[] {
  const problems: Problem[] = [];
  let origins: ReadonlyMap<string, string> | undefined;
  for (const slot of secretSlots(resolved.tenant)) {
    if (typeof slot.value !== 'string') continue;
    const placeholder = wholePlaceholder(slot.value);
    if (placeholder?.kind === 'string' && placeholder.key in loaded.secrets) continue;
    const { pointer, label, suggestedKey } = describeSlot(slot);
    origins ??= new Map(resolved.keywordOrigins);
    const keyword = keywordAbove(origins, pointer);
    if (keyword === undefined) continue;
    problems.push(
      problemAt(locate(resolved.sources, pointer, loaded.file), {
        path: readablePath(resolved.tenant, pointer),
        rule: 'secrets/literal-in-keyword',
        message: `${label} comes from keyword ${keyword}, so its value is written in ${loaded.environment?.file ?? 'the environment file'}; it must be a ##KEY## placeholder`,
        hint: `write "##${suggestedKey}##" in its place (in the value of ${keyword}, or with the entries written out in tenant.yaml), and declare ${suggestedKey} under secrets:`,
        expected: 'a placeholder such as "##NAME##"',
        found: `a literal string (${slot.value.length} characters)`,
      }),
    );
  }
  return problems;
}

/** The list or mapping keyword a value at `pointer` came inside, if any (not one it is itself). */
function keywordAbove(origins: ReadonlyMap<string, string>, pointer: string): string | undefined {
  for (let at = parentPointer(pointer); ; at = parentPointer(at)) {
    const keyword = origins.get(at);
    if (keyword !== undefined) return keyword;
    if (at === '') return undefined;
  }
}

/** Every place in tenant.yaml that carries a secret (the registry's secret paths), whether or not it is written correctly. */
function secretSlots(tenant: Record<string, unknown>): SecretSlot[] {
  const slots: SecretSlot[] = [];
  for (const type of RESOURCE_TYPES) {
    const secrets = type.secrets ?? [];
    if (secrets.length === 0) continue;
    const entries = entriesOfType(tenant, type);
    const paths = secrets.map((secret) => ({ secret, read: pathReader(secret.path) }));
    // Counted loops: a check runs once per command, mostly before V8 optimizes it, and there a for-of
    // makes an object per step (about 10 MB on 10,000 clients).
    for (let at = 0; at < entries.length; at++) {
      const entry = entries[at] as Entry;
      for (let path = 0; path < paths.length; path++) {
        const { secret, read } = paths[path] as (typeof paths)[number];
        const values = read(entry.item);
        for (let index = 0; index < values.length; index++) {
          const found = values[index] as PathValue;
          slots.push({ value: found.value, secret, found, entry });
        }
      }
    }
  }
  return slots;
}

/** Whether the value must come from `secrets:` (an environment variable), not a keyword. */
function isSensitiveSlot({ secret, found }: SecretSlot): boolean {
  return isSensitiveAt(secret, secret.label ? secretNameAt(secret, found) : (found.segments.at(-1) ?? ''));
}

/** What a message says of a slot: made only for one that has a problem (a large tenant has thousands). */
function describeSlot({ secret, found, entry }: SecretSlot): {
  pointer: string;
  label: string;
  suggestedKey: string;
} {
  const field = found.segments.at(-1) ?? '';
  const pointer = found.segments.reduce((at, segment) => childPointer(at, segment), entry.pointer);
  if (secret.label) {
    const name = secretNameAt(secret, found);
    return { pointer, label: `${secret.label} ${name}`, suggestedKey: keywordName(name) };
  }
  const owner = entry.pointer.split('/').length === 3 ? asString(entry.item.name) : undefined;
  return {
    pointer,
    label: owner ? `${field} of "${owner}"` : field,
    suggestedKey: keywordName(owner ? `${owner}_${field}` : field),
  };
}

function keywordName(text: string): string {
  return text
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * A secret placeholder anywhere but a secret path deploys the secret into a field any reader of the
 * tenant sees (a connection's display name, metadata, a scope), including the read-only plan client.
 */
function secretsInReadableFields(resolved: Pick<ResolvedTenant, 'tenant' | 'secretPlaceholders'>): Problem[] {
  const problems: Problem[] = [];
  for (const placeholder of resolved.secretPlaceholders) {
    const place = placeOf(placeholder.pointer);
    // Outside any section we manage, the schema already refuses the key.
    if (!place || secretPathAt(place.type, place.segments)) continue;
    const secretFields = (place.type.secrets ?? []).map((secret) => secret.path);
    problems.push(
      problemAt(placeholder, {
        path: placeholder.path,
        rule: 'secrets/in-readable-field',
        message: `secret ${placeholder.key} is placed in ${placeholder.path}, a field Auth0 returns to anyone who can read ${place.type.key}: the secret would be deployed in clear`,
        hint:
          secretFields.length > 0
            ? `secrets may only fill the write-only fields of ${place.type.key} (${secretFields.join(', ')}); use a keyword here, or move the value to one of those fields`
            : `${place.type.key} has no secret fields; use a keyword here, or keep the value out of the tenant`,
      }),
    );
  }
  return problems;
}
