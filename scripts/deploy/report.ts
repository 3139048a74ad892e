import { countChanges } from '../plan/format';
import { inlineCode, markdownText, printableLine } from '../plan/format-escape';
import type { Plan } from '../plan/types';
import type { ApplyOutcome } from './apply';
import { formatTraffic } from './traffic-report';

export interface DeployReport {
  env: string;
  target: string;
  plan: Plan;
  allowDelete: boolean;
  /** Undefined when there was nothing to apply (no engine write was started). */
  outcome?: ApplyOutcome;
}

/** Created, updated and deleted over every resource type. */
function totalsOf(outcome: ApplyOutcome | undefined) {
  const totals = { created: 0, updated: 0, deleted: 0 };
  for (const counts of Object.values(outcome?.counts ?? {})) {
    totals.created += counts.created;
    totals.updated += counts.updated;
    totals.deleted += counts.deleted;
  }
  return totals;
}

/** The totals of a deploy, for tools (`--format json`). */
export function deployReportJson(report: DeployReport) {
  return {
    env: report.env,
    target: report.target,
    ...totalsOf(report.outcome),
    byType: report.outcome?.counts ?? {},
    writeCalls: report.outcome?.traffic.writes ?? 0,
    attempts: report.outcome?.rounds ?? 0,
    callsByGroup: report.outcome?.traffic.byGroup ?? {},
    waitedForBudgetMs: report.outcome?.traffic.waitedMs ?? 0,
    deletesNotApplied: report.allowDelete ? 0 : countChanges(report.plan).delete,
  };
}

/** What a deploy did, from deploy-cli's own counts and the requests its engine made. */
export function formatDeployReport(report: DeployReport, format: 'text' | 'markdown'): string {
  const { outcome } = report;
  const kept = report.allowDelete ? 0 : countChanges(report.plan).delete;
  const trafficLine = outcome ? formatTraffic(outcome.traffic) : undefined;
  const keptLine = kept > 0 ? `${kept} delete(s) not applied: pass --allow-delete to apply them` : undefined;
  const totals = totalsOf(outcome);
  const perType: string[] = [];
  for (const [type, counts] of Object.entries(outcome?.counts ?? {})) {
    const parts = (['created', 'updated', 'deleted'] as const)
      .filter((key) => counts[key] > 0)
      .map((key) => `${counts[key]} ${key}`);
    if (parts.length > 0) perType.push(`${type}: ${parts.join(', ')}`);
  }
  const headline = outcome
    ? `deployed: ${totals.created} created, ${totals.updated} updated, ${totals.deleted} deleted; ` +
      `${outcome.traffic.writes} write call(s) in ${outcome.rounds} attempt(s)`
    : 'no changes: nothing deployed, 0 write calls';

  if (format === 'markdown') {
    const lines = [
      `### Auth0 deploy: ${inlineCode(report.env)} (${markdownText(report.target)})`,
      '',
      `**${headline}**`,
    ];
    if (perType.length > 0) lines.push('', ...perType.map((line) => `- ${line}`));
    if (trafficLine) lines.push('', markdownText(trafficLine));
    if (keptLine) lines.push('', `> ${keptLine}`);
    return `${lines.join('\n')}\n`;
  }
  const lines = [
    `Deploy to ${printableLine(report.env)} (${printableLine(report.target)}): ${headline}`,
    ...perType.map((line) => `  ${line}`),
    ...(trafficLine ? [`  ${printableLine(trafficLine)}`] : []),
  ];
  if (keptLine) lines.push(keptLine);
  return `${lines.join('\n')}\n`;
}
