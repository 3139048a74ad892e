import { asRecord, type Entry, entriesOf, nameOf } from '../checks/read';
import { type PolicyFinding, type PolicyRule, PRODUCTION_ONLY, RELAXED_LOCALLY } from './rule';

/**
 * Database passwords: at least Auth0's "fair" strength, no reuse of recent passwords, no dictionary words.
 * Both ways of writing it count: the classic options (passwordPolicy, password_history,
 * password_dictionary) and the newer password_options.
 */
const STRONG_ENOUGH = ['fair', 'good', 'excellent'];

function perDatabase(
  tenant: Record<string, unknown>,
  test: (options: Record<string, unknown>, database: Entry) => PolicyFinding | undefined,
): PolicyFinding[] {
  return entriesOf(tenant, 'databases').flatMap(
    (database) => test(asRecord(database.item.options) ?? {}, database) ?? [],
  );
}

export const passwordStrength: PolicyRule = {
  id: 'passwords/strength',
  summary: 'database password policy is at least "fair"',
  hint: 'set options.passwordPolicy: fair (or good, excellent)',
  severity: RELAXED_LOCALLY,
  check: (tenant) =>
    perDatabase(tenant, (options, database) => {
      const policy = options.passwordPolicy;
      if (typeof policy === 'string' && STRONG_ENOUGH.includes(policy)) return undefined;
      return {
        pointer: `${database.pointer}/options/passwordPolicy`,
        message: `database "${nameOf(database)}" has password policy ${policy === undefined ? '(not set)' : `"${String(policy)}"`}`,
        expected: STRONG_ENOUGH.join(', '),
        found: policy === undefined ? 'not set' : String(policy),
      };
    }),
};

export const passwordHistory: PolicyRule = {
  id: 'passwords/history',
  summary: 'databases refuse recently used passwords',
  hint: 'set options.password_history: { enable: true, size: 5 }',
  severity: RELAXED_LOCALLY,
  check: (tenant) =>
    perDatabase(tenant, (options, database) => {
      const classic = asRecord(options.password_history);
      const modern = asRecord(asRecord(options.password_options)?.history);
      const on =
        (classic?.enable === true && typeof classic.size === 'number' && classic.size > 0) ||
        modern?.active === true;
      if (on) return undefined;
      return {
        pointer: `${database.pointer}/options/password_history`,
        message: `database "${nameOf(database)}" does not keep a password history`,
      };
    }),
};

export const passwordDictionary: PolicyRule = {
  id: 'passwords/dictionary',
  summary: 'databases refuse common dictionary passwords',
  hint: 'set options.password_dictionary: { enable: true }',
  severity: RELAXED_LOCALLY,
  check: (tenant) =>
    perDatabase(tenant, (options, database) => {
      const on =
        asRecord(options.password_dictionary)?.enable === true ||
        asRecord(asRecord(options.password_options)?.dictionary)?.active === true;
      if (on) return undefined;
      return {
        pointer: `${database.pointer}/options/password_dictionary`,
        message: `database "${nameOf(database)}" does not check passwords against a dictionary`,
      };
    }),
};

/** The shortest password length a database may set (NIST SP 800-63B asks for at least 8; we ask 12). */
export const MIN_PASSWORD_LENGTH = 12;

export const passwordLength: PolicyRule = {
  id: 'passwords/min-length',
  summary: `a minimum password length, where a database sets one, is at least ${MIN_PASSWORD_LENGTH}`,
  hint: `set min_length: ${MIN_PASSWORD_LENGTH} or more`,
  severity: PRODUCTION_ONLY,
  check: (tenant) =>
    entriesOf(tenant, 'databases').flatMap((database) => {
      const options = asRecord(database.item.options) ?? {};
      const places = [
        ['password_complexity_options', asRecord(options.password_complexity_options)?.min_length],
        ['password_options/complexity', asRecord(asRecord(options.password_options)?.complexity)?.min_length],
      ] as const;
      return places.flatMap(([place, length]) =>
        typeof length === 'number' && length < MIN_PASSWORD_LENGTH
          ? [
              {
                pointer: `${database.pointer}/options/${place}/min_length`,
                message: `database "${nameOf(database)}" accepts passwords of ${length} characters`,
                expected: `at least ${MIN_PASSWORD_LENGTH}`,
                found: String(length),
              },
            ]
          : [],
      );
    }),
};
