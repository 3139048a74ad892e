/**
 * Helpers for the decision's table tests (tests only; the Action never imports this): one login per row,
 * decided at the kit's clock, and the expected decisions by kind.
 */
import { expect, it } from 'vitest';
import { KIT_NOW, type PostLoginOverrides, postLogin } from '../../test/kit';
import { type RiskDecision, riskDecision } from './decision';
import type { Secrets } from './index';

export type Overrides = PostLoginOverrides<Partial<Secrets>>;

const login = postLogin.with<Secrets>({ secrets: { MFA_REQUIRED_ROLES: 'admin' } });

/** The decision for a login built from `overrides`, at the kit's clock (2024-05-14T09:30:00Z). */
export const decide = (overrides: Overrides) => riskDecision(login(overrides).event, KIT_NOW);

type Reasons = RiskDecision['reasons'];

export const allow = (score: number, ...reasons: Reasons): RiskDecision => ({
  action: 'allow',
  score,
  reasons,
});
export const deny = (score: number, ...reasons: Reasons): RiskDecision => ({
  action: 'deny',
  score,
  reasons,
});
export const riskMfa = (score: number, ...reasons: Reasons): RiskDecision => ({
  action: 'mfa',
  score,
  reasons,
  riskDriven: true,
});
export const policyMfa = (...reasons: Reasons): RiskDecision => ({
  action: 'mfa',
  score: 0,
  reasons,
  riskDriven: false,
});

type Row = [story: string, overrides: Overrides, expected: RiskDecision];

/** One test per row: the story is the test name. */
export const decides = (rows: Row[]) =>
  it.each<Row>(rows)('%s', (_story, overrides, expected) => {
    expect(decide(overrides)).toEqual(expected);
  });
