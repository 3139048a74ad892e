import { didYouMean } from '../did-you-mean';
import type { Waiver } from '../load';
import { type Problem, problemAt } from '../problem';
import { POLICY_RULE_IDS } from './index';

/**
 * A waiver accepts one policy rule for one target (a path prefix as the check prints it), with a reason
 * and optionally an expiry date. Only policy rules can be waived: a schema error or a literal secret is
 * never acceptable. A waiver that matches nothing is reported, so waivers do not outlive their reason.
 */
export interface WaivedProblem extends Problem {
  waiver: { reason: string; file: string; line: number; expires?: string };
}

const MIN_REASON_LENGTH = 10;

export function targetMatches(path: string, target: string): boolean {
  return target === '*' || path === target || path.startsWith(`${target}.`) || path.startsWith(`${target}[`);
}

export function applyWaivers(
  problems: readonly Problem[],
  waivers: readonly Waiver[],
  now: Date,
): { problems: Problem[]; waived: WaivedProblem[] } {
  const today = now.toISOString().slice(0, 10);
  const out: Problem[] = [];
  const active: Waiver[] = [];
  for (const waiver of waivers) {
    const complaint = waiverComplaint(waiver, today);
    if (complaint) out.push(complaint);
    else active.push(waiver);
  }

  const used = new Set<Waiver>();
  const waived: WaivedProblem[] = [];
  for (const problem of problems) {
    const waiver = POLICY_RULE_IDS.has(problem.rule)
      ? active.find(
          (candidate) => candidate.rule === problem.rule && targetMatches(problem.path, candidate.target),
        )
      : undefined;
    if (!waiver) {
      out.push(problem);
      continue;
    }
    used.add(waiver);
    waived.push({
      ...problem,
      waiver: {
        reason: waiver.reason,
        file: waiver.file,
        line: waiver.line,
        ...(waiver.expires ? { expires: waiver.expires } : {}),
      },
    });
  }
  for (const waiver of active) {
    if (used.has(waiver)) continue;
    out.push(
      problemAt(waiver, {
        path: waiver.target,
        rule: 'waivers/unused',
        severity: 'warning',
        message: `waiver for ${waiver.rule} on "${waiver.target}" matches no problem`,
        hint: 'remove it: the problem it waived is gone (or the target does not match the path the check prints)',
      }),
    );
  }
  return { problems: out, waived };
}

function waiverComplaint(waiver: Waiver, today: string): Problem | undefined {
  if (!POLICY_RULE_IDS.has(waiver.rule)) {
    return problemAt(waiver, {
      path: waiver.target,
      rule: 'waivers/unknown-rule',
      message: `"${waiver.rule}" is not a policy rule, so it cannot be waived`,
      hint:
        didYouMean(waiver.rule, [...POLICY_RULE_IDS]) ??
        'only security policy rules (npm run check prints their ids) can be waived',
    });
  }
  if (waiver.reason.trim().length < MIN_REASON_LENGTH) {
    return problemAt(waiver, {
      path: waiver.target,
      rule: 'waivers/reason',
      message: `the waiver for ${waiver.rule} gives no real reason ("${waiver.reason}")`,
      hint: 'say why the risk is accepted and until when, e.g. a ticket and a date',
    });
  }
  if (waiver.expires !== undefined && waiver.expires < today) {
    return problemAt(waiver, {
      path: waiver.target,
      rule: 'waivers/expired',
      message: `the waiver for ${waiver.rule} on "${waiver.target}" expired on ${waiver.expires}`,
      hint: 'fix the problem, or renew the waiver with a new date and reason',
    });
  }
  return undefined;
}
