import type { LoadedTenant } from '../load';
import { wholePlaceholder } from '../placeholders';
import { type Problem, problemAt } from '../problem';
import type { ResolvedTenant } from '../resolve';
import { childPointer, locate, readablePath } from '../source-map';
import { asArray, asRecord, asString, entriesOf } from './read';

/**
 * Secrets stay out of the repository: every place that holds one in tenant.yaml must be a `##KEY##`
 * placeholder, a sensitive one must come from `secrets:` (an environment variable), and only a local-tier
 * environment file may write a value itself. Messages never repeat a secret's value.
 */
const SENSITIVE_FIELDS = new Set([
  'client_secret',
  'signing_secret',
  'secret',
  'api_key',
  'password',
  'smtp_pass',
]);
/** `KEY` as a word of the name too: SIGNING_KEY, ENCRYPTION_KEY, HMAC_KEY (a public key can be a secret too). */
const SENSITIVE_NAME =
  /SECRET|TOKEN|PASSWORD|PASSWD|PASSPHRASE|API_?KEY|PRIVATE_?KEY|CREDENTIAL|(?:^|_)(?:KEY|PWD|SALT)(?:_|$)/i;

interface SecretSlot {
  pointer: string;
  value: unknown;
  /** What the slot is, for the message: `action secret USER_SYNC_TOKEN`. */
  label: string;
  sensitive: boolean;
  /** The keyword name to suggest: the secret's own name where it has one. */
  suggestedKey: string;
}

export function checkSecrets(
  loaded: LoadedTenant,
  resolved?: Pick<ResolvedTenant, 'tenant' | 'sources' | 'keywordOrigins'>,
): Problem[] {
  const problems: Problem[] = [];
  if (resolved) problems.push(...secretsInsideKeywords(loaded, resolved));
  const environment = loaded.environment;
  if (environment && environment.tier !== 'local') {
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
    const at = locate(loaded.sources, slot.pointer, loaded.file);
    const path = readablePath(loaded.tenant, slot.pointer);
    const placeholder = wholePlaceholder(slot.value);
    if (!placeholder) {
      problems.push(
        problemAt(at, {
          path,
          rule: 'secrets/literal-in-tenant',
          message: `${slot.label} is written literally in tenant.yaml; it must be a ##KEY## placeholder`,
          hint: `write "##${slot.suggestedKey}##" here and declare ${slot.suggestedKey} in tenant/environments/<env>.yaml: under secrets: (the environment variable it comes from) or, if it is not sensitive, under keywords:`,
          expected: 'a placeholder such as "##NAME##"',
          found: `a literal string (${slot.value.length} characters)`,
        }),
      );
    } else if (slot.sensitive && placeholder.key in loaded.keywords) {
      problems.push(
        problemAt(at, {
          path,
          rule: 'secrets/sensitive-keyword',
          message: `${slot.label} is sensitive, but ${placeholder.key} is a keyword: its value is committed in ${environment?.file ?? 'the environment file'}`,
          hint: `move ${placeholder.key} from keywords: to secrets: as "{ env: TENANT_SECRET_${placeholder.key} }"`,
        }),
      );
    }
  }
  return problems;
}

/**
 * A `@@KEY@@` that inserts a whole list or mapping (`secrets: "@@SYNC_SECRETS@@"`, `configuration:
 * "@@LEGACY_CONFIG@@"`) hides the slots inside it from tenant.yaml: their values are literals in the
 * environment file (a keyword value holds no placeholder), and would be built into dist/ as they are.
 */
function secretsInsideKeywords(
  loaded: LoadedTenant,
  resolved: Pick<ResolvedTenant, 'tenant' | 'sources' | 'keywordOrigins'>,
): Problem[] {
  const origins = Object.entries(resolved.keywordOrigins);
  const problems: Problem[] = [];
  for (const slot of secretSlots(resolved.tenant)) {
    if (typeof slot.value !== 'string') continue;
    const keyword = origins.find(([pointer]) => slot.pointer.startsWith(`${pointer}/`))?.[1];
    if (keyword === undefined) continue;
    problems.push(
      problemAt(locate(resolved.sources, slot.pointer, loaded.file), {
        path: readablePath(resolved.tenant, slot.pointer),
        rule: 'secrets/literal-in-keyword',
        message: `${slot.label} comes from keyword ${keyword}, so its value is written in ${loaded.environment?.file ?? 'the environment file'}; it must be a ##KEY## placeholder`,
        hint: `write the ${keyword} entries out in tenant.yaml with "##${slot.suggestedKey}##" here, and declare ${slot.suggestedKey} under secrets: (or, if it is not sensitive, keywords:)`,
        expected: 'a placeholder such as "##NAME##"',
        found: `a literal string (${slot.value.length} characters)`,
      }),
    );
  }
  return problems;
}

/** Every place in tenant.yaml that carries a secret, whether or not it is written correctly. */
function secretSlots(tenant: Record<string, unknown>): SecretSlot[] {
  const slots: SecretSlot[] = [];
  for (const action of entriesOf(tenant, 'actions')) {
    asArray(action.item.secrets).forEach((secret, index) => {
      const record = asRecord(secret);
      if (!record) return;
      const name = asString(record.name) ?? `#${index + 1}`;
      slots.push({
        pointer: `${action.pointer}/secrets/${index}/value`,
        value: record.value,
        label: `action secret ${name}`,
        sensitive: SENSITIVE_NAME.test(name),
        suggestedKey: keywordName(name),
      });
    });
  }
  for (const database of entriesOf(tenant, 'databases')) {
    const configuration = asRecord(asRecord(database.item.options)?.configuration);
    for (const [key, value] of Object.entries(configuration ?? {})) {
      slots.push({
        pointer: childPointer(`${database.pointer}/options/configuration`, key),
        value,
        label: `database configuration ${key}`,
        sensitive: SENSITIVE_NAME.test(key),
        suggestedKey: keywordName(key),
      });
    }
  }
  collectSensitiveFields(tenant, '', slots);
  return slots;
}

function keywordName(text: string): string {
  return text
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Fields such as `client_secret` anywhere in the document; `owner` names the resource they belong to. */
function collectSensitiveFields(value: unknown, pointer: string, slots: SecretSlot[], owner = ''): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      const name = asString(asRecord(item)?.name);
      collectSensitiveFields(
        item,
        childPointer(pointer, index),
        slots,
        pointer.split('/').length === 2 && name ? name : owner,
      );
    });
    return;
  }
  const record = asRecord(value);
  if (!record) return;
  for (const [key, item] of Object.entries(record)) {
    const child = childPointer(pointer, key);
    if (SENSITIVE_FIELDS.has(key) && typeof item === 'string') {
      slots.push({
        pointer: child,
        value: item,
        label: owner ? `${key} of "${owner}"` : key,
        sensitive: true,
        suggestedKey: keywordName(owner ? `${owner}_${key}` : key),
      });
    } else if (typeof item === 'object' && item !== null && !/\/configuration$/.test(child)) {
      collectSensitiveFields(item, child, slots, owner);
    }
  }
}
