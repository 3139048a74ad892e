/**
 * What `npm run adopt` tells the team: what it wrote, what it chose (keywords, secrets, toggles), and
 * everything it did not write, with why. Nothing an export held is dropped without a line here.
 */

export type FindingKind =
  /** Not ours to manage: the deploy client, Auth0's global client. */
  | 'system'
  /** A section or item this repository does not manage. */
  | 'left-out'
  /** A field Auth0 sets, or one no schema has. */
  | 'not-written'
  /** A value Auth0 does not return (a secret without a readable value, a file the export lacks). */
  | 'not-returned'
  /** Rules and Hooks. */
  | 'end-of-life'
  /** Something the build will ask for (an npm package to install). */
  | 'to-do';

export interface Finding {
  env: string;
  kind: FindingKind;
  /** A readable place: `clients[Documents SPA].client_id`. */
  where: string;
  what: string;
  hint?: string;
}

export const finding = (
  env: string,
  kind: FindingKind,
  where: string,
  what: string,
  hint?: string,
): Finding => ({
  env,
  kind,
  where,
  what,
  ...(hint ? { hint } : {}),
});

export interface AdoptReport {
  /** Files written (or that would be), relative to the repository. */
  files: string[];
  /** Each keyword adopt chose, with the place it stands for. */
  keywords: { name: string; place: string }[];
  /** Each secret: the environment variable each environment reads it from. */
  secrets: { name: string; variable: string; place: string }[];
  /** Sections written per environment (`@@NAME@@`) because their items differ between tenants. */
  toggles: { section: string; keyword: string; items: Record<string, string[]> }[];
  waivers: { env: string; rule: string; target: string }[];
  findings: Finding[];
}

const KIND_TITLES: Readonly<Record<FindingKind, string>> = {
  'to-do': 'To do before the first build',
  'end-of-life': 'Rules and Hooks (not adopted)',
  system: 'Not ours to manage (left out)',
  'left-out': 'Not managed by this repository (left out)',
  'not-returned': 'Not returned by Auth0 (left out, or to be set by hand)',
  'not-written': 'Set by Auth0, or not a setting a deploy writes (not written)',
};

/** The report as text: short lines, grouped, the same finding in several environments said once. */
export function formatAdoptReport(report: AdoptReport, envs: readonly string[]): string {
  const lines: string[] = [];
  lines.push(`Wrote ${report.files.length} file(s):`, ...report.files.map((file) => `  ${file}`));
  if (report.keywords.length > 0) {
    lines.push('', `Keywords (values that differ between ${envs.join(' and ')}):`);
    for (const keyword of report.keywords) lines.push(`  ${keyword.name}: ${keyword.place}`);
  }
  if (report.secrets.length > 0) {
    lines.push('', 'Secrets (set each as a secret of its GitHub environment; no value was written):');
    for (const secret of report.secrets) lines.push(`  ${secret.variable}: ${secret.place}`);
  }
  for (const toggle of report.toggles) {
    lines.push(
      '',
      `${toggle.section}: the tenants hold different items, so the section is "@@${toggle.keyword}@@", one list per environment:`,
      ...Object.entries(toggle.items).map(([env, items]) => `  ${env}: ${items.join(', ') || '(none)'}`),
    );
  }
  if (report.waivers.length > 0) {
    lines.push('', `Policy findings, waived with "reason: adopted, review" (${report.waivers.length}):`);
    for (const waiver of report.waivers) lines.push(`  ${waiver.env}: ${waiver.rule} at ${waiver.target}`);
  }
  for (const kind of Object.keys(KIND_TITLES) as FindingKind[]) {
    const group = mergeAcrossEnvironments(report.findings.filter((item) => item.kind === kind));
    if (group.length === 0) continue;
    lines.push('', `${KIND_TITLES[kind]}:`);
    if (kind === 'not-written') {
      lines.push(...summarizeFields(group));
      continue;
    }
    for (const item of group) {
      lines.push(
        `  ${item.where} (${item.envs.join(', ')}): ${item.what}${item.hint ? `; ${item.hint}` : ''}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

function mergeAcrossEnvironments(findings: readonly Finding[]) {
  const byKey = new Map<string, Finding & { envs: string[] }>();
  for (const item of findings) {
    const key = `${item.where}\u0000${item.what}`;
    const known = byKey.get(key);
    if (known) known.envs.push(item.env);
    else byKey.set(key, { ...item, envs: [item.env] });
  }
  return [...byKey.values()];
}

/** Fields Auth0 sets are many: counted per section and field name, not listed one by one. */
function summarizeFields(group: readonly { where: string }[]): string[] {
  const counts = new Map<string, number>();
  for (const { where } of group) {
    const section = where.split(/[[.]/)[0] ?? where;
    const field = where.split('.').at(-1) ?? where;
    const key = `${section}: ${field}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, count]) => `  ${key}${count > 1 ? ` (x${count})` : ''}`);
}
