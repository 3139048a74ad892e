/**
 * A database connection's password rules at sign-up: the strength policy, its minimum length, the
 * dictionary and the personal-information check. The five policies and their rules are Auth0's
 * (https://auth0.com/docs/authenticate/database-connections/password-strength, and the presets Auth0
 * publishes as https://npmjs.com/package/auth0-password-policies): none 1+ characters; low 6+; fair 8+ with
 * lower case, upper case and digits; good 8+ with three of lower, upper, digits, specials; excellent 10+
 * with three of those four and no character more than twice in a row.
 */
import { isJsonObject } from '../http/validate';
import type { JsonObject } from '../state/types';

export type PasswordPolicyName = 'none' | 'low' | 'fair' | 'good' | 'excellent';

interface PolicyRule {
  minLength: number;
  /** Character groups: `all` of them, or at least `atLeast` of the four. */
  groups: { all: readonly CharacterGroup[] } | { atLeast: number } | undefined;
  noTripleRepeat: boolean;
}

type CharacterGroup = 'lower' | 'upper' | 'digits' | 'specials';

const GROUP_TESTS: Record<CharacterGroup, RegExp> = {
  lower: /[a-z]/,
  upper: /[A-Z]/,
  digits: /[0-9]/,
  specials: /[^A-Za-z0-9]/,
};

const POLICIES: Record<PasswordPolicyName, PolicyRule> = {
  none: { minLength: 1, groups: undefined, noTripleRepeat: false },
  low: { minLength: 6, groups: undefined, noTripleRepeat: false },
  fair: { minLength: 8, groups: { all: ['lower', 'upper', 'digits'] }, noTripleRepeat: false },
  good: { minLength: 8, groups: { atLeast: 3 }, noTripleRepeat: false },
  excellent: { minLength: 10, groups: { atLeast: 3 }, noTripleRepeat: true },
};

/**
 * The most common passwords (the top of the public breach-frequency lists): a small stand-in for Auth0's
 * 10,000-word built-in dictionary, enough that a test of the dictionary check has something to hit.
 */
const COMMON_PASSWORDS = [
  '123456',
  '123456789',
  '12345678',
  'password',
  'password1',
  'password123',
  'qwerty',
  'qwerty123',
  'abc123',
  '111111',
  '1234567',
  'iloveyou',
  'admin',
  'admin123',
  'welcome',
  'welcome1',
  'letmein',
  'monkey',
  'dragon',
  'football',
  'sunshine',
  'princess',
  'passw0rd',
  'Password1',
  'Password123',
  'Welcome1',
];

export interface PersonalInfo {
  email: string;
  name?: string;
  nickname?: string;
  username?: string;
}

function policyName(options: JsonObject): PasswordPolicyName {
  const named = options.passwordPolicy;
  return typeof named === 'string' && named in POLICIES ? (named as PasswordPolicyName) : 'none';
}

const enabled = (value: unknown): value is JsonObject => isJsonObject(value) && value.enable === true;

/**
 * Why the connection refuses this password at sign-up, one sentence per rule broken; empty when it is
 * accepted. `connection` is the connection as the tenant stores it (its `options`).
 */
export function passwordProblems(connection: JsonObject, password: string, person: PersonalInfo): string[] {
  const options = isJsonObject(connection.options) ? connection.options : {};
  const name = policyName(options);
  const rule = POLICIES[name];
  const problems: string[] = [];
  const complexity = isJsonObject(options.password_complexity_options)
    ? options.password_complexity_options
    : {};
  const minLength = typeof complexity.min_length === 'number' ? complexity.min_length : rule.minLength;
  if ([...password].length < minLength) problems.push(`At least ${minLength} characters in length`);
  if (rule.groups && 'all' in rule.groups) {
    const missing = rule.groups.all.filter((group) => !GROUP_TESTS[group].test(password));
    if (missing.length > 0)
      problems.push(`Contains ${rule.groups.all.join(', ')} (missing: ${missing.join(', ')})`);
  } else if (rule.groups) {
    const present = Object.values(GROUP_TESTS).filter((test) => test.test(password)).length;
    if (present < rule.groups.atLeast) {
      problems.push(
        `Contains at least ${rule.groups.atLeast} of lower case, upper case, digits, special characters`,
      );
    }
  }
  if (rule.noTripleRepeat && /(.)\1\1/u.test(password)) {
    problems.push('No more than 2 identical characters in a row');
  }
  const dictionary = options.password_dictionary;
  if (enabled(dictionary)) {
    const own = Array.isArray(dictionary.dictionary) ? dictionary.dictionary.map(String) : [];
    const lowered = password.toLowerCase();
    if ([...COMMON_PASSWORDS, ...own].some((word) => word.toLowerCase() === lowered)) {
      problems.push('Password is too common');
    }
  }
  if (enabled(options.password_no_personal_info) && containsPersonalInfo(password, person)) {
    problems.push('Password must not contain any part of the user name or email');
  }
  return problems;
}

/** The email's local part, the name's words, the nickname and the username, each 3+ characters. */
function containsPersonalInfo(password: string, person: PersonalInfo): boolean {
  const lowered = password.toLowerCase();
  const parts = [
    person.email.split('@')[0] ?? '',
    person.email,
    ...(person.name ?? '').split(/\s+/),
    person.nickname ?? '',
    person.username ?? '',
  ]
    .map((part) => part.toLowerCase())
    .filter((part) => part.length >= 3);
  return parts.some((part) => lowered.includes(part));
}
