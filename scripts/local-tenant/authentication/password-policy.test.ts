import { describe, expect, it } from 'vitest';
import { passwordProblems } from './password-policy';

const connection = (options: Record<string, unknown>) => ({ name: 'db', strategy: 'auth0', options });
const person = { email: 'ada.lovelace@example.com', name: 'Ada Lovelace' };

describe('password policies', () => {
  it('applies each policy as Auth0 defines it', () => {
    expect(passwordProblems(connection({ passwordPolicy: 'none' }), 'x', person)).toEqual([]);
    expect(passwordProblems(connection({ passwordPolicy: 'low' }), 'abcde', person)).toHaveLength(1);
    expect(passwordProblems(connection({ passwordPolicy: 'low' }), 'abcdef', person)).toEqual([]);
    expect(passwordProblems(connection({ passwordPolicy: 'fair' }), 'abcdefgh1', person)).toEqual([
      'Contains lower, upper, digits (missing: upper)',
    ]);
    expect(passwordProblems(connection({ passwordPolicy: 'fair' }), 'Abcdefg1', person)).toEqual([]);
    expect(passwordProblems(connection({ passwordPolicy: 'good' }), 'abcdefg1!', person)).toEqual([]);
    expect(passwordProblems(connection({ passwordPolicy: 'good' }), 'abcdefgh1', person)).toHaveLength(1);
    expect(passwordProblems(connection({ passwordPolicy: 'excellent' }), 'Abcdefg1!', person)).toEqual([
      'At least 10 characters in length',
    ]);
    expect(passwordProblems(connection({ passwordPolicy: 'excellent' }), 'Abcdefff1!x', person)).toEqual([
      'No more than 2 identical characters in a row',
    ]);
  });

  it('lets password_complexity_options.min_length set the length', () => {
    const options = { passwordPolicy: 'low', password_complexity_options: { min_length: 12 } };
    expect(passwordProblems(connection(options), 'abcdefghijk', person)).toEqual([
      'At least 12 characters in length',
    ]);
  });

  it('refuses the built-in common passwords and the connection dictionary, case-insensitively', () => {
    const options = {
      passwordPolicy: 'none',
      password_dictionary: { enable: true, dictionary: ['Documents2024'] },
    };
    expect(passwordProblems(connection(options), 'PASSWORD1', person)).toEqual(['Password is too common']);
    expect(passwordProblems(connection(options), 'documents2024', person)).toEqual([
      'Password is too common',
    ]);
    expect(passwordProblems(connection({ passwordPolicy: 'none' }), 'password1', person)).toEqual([]);
  });

  it('refuses the name and the email when password_no_personal_info is on', () => {
    const options = { passwordPolicy: 'none', password_no_personal_info: { enable: true } };
    expect(passwordProblems(connection(options), 'Lovelace99', person)).toHaveLength(1);
    expect(passwordProblems(connection(options), 'xada.lovelacex', person)).toHaveLength(1);
    expect(passwordProblems(connection(options), 'Babbage99', person)).toEqual([]);
  });
});
