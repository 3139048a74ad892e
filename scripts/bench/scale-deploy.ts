/**
 * Issue 15's deploy rows, side by side in one run, on the generated tenant (generated-tenant.ts) and two
 * fresh local tenants that enforce Auth0's rate limits at 50 requests/s (and the organization buckets):
 * - our first deploy: total time, 429s received (the tenant's request log counts answers by status),
 *   write calls, and the floor: write calls ÷ the budget our pacer keeps to (limit × rate share), and the
 *   floor the organization buckets set on their own (their share, less their burst);
 * - the same first deploy by a plain `a0deploy import` of the same build;
 * - a plan with nothing changed: time and calls, against reads ÷ budget;
 * - a deploy after one field of one client changed: its write calls.
 * `--tenant-size=<fraction>` scales every count of the issue's tenant (default 1: 3,000 clients, 500
 * connections, 200 APIs, 1,000 organizations); the organization buckets (2.5 writes/s, half of it ours)
 * make the full tenant's first deploy take about a quarter of an hour (1,000 organization writes at
 * 1.25/s), and the a0deploy import beside it longer. `--tenant-size=0.1` runs in about 8 minutes here.
 * `--without-a0deploy` leaves the import out (its row says so): the full tenant's run then takes half as long.
 */
import {
  makeWorkspace,
  runCli,
  startTestTenant,
  targetEnv,
  type Workspace,
} from '../../test/deploy/workspace';
import { DEFAULT_RATE_SHARE } from '../engine/pacer';
import { groupFloors } from '../rate-limits/index';
import { preparePlainImport } from './a0deploy';
import { DEFAULT_SIZE, describeSize, type TenantSize, writeGeneratedTenant } from './generated-tenant';
import { formatMs, type MeasuredCommand, measureCommand, printSection } from './measure';

const LIMIT_PER_SECOND = 50;

/** `--tenant-size=0.1`: the issue's tenant scaled down (at least 1 of each). */
export function tenantSize(argv: readonly string[]): { size: TenantSize; fraction: number } {
  const flag = argv.find((arg) => arg.startsWith('--tenant-size='));
  const fraction = flag === undefined ? 1 : Number(flag.slice('--tenant-size='.length));
  if (!(fraction > 0 && fraction <= 1)) {
    throw new Error(
      `--tenant-size must be a fraction above 0 and at most 1 of the issue's tenant, not ${flag}`,
    );
  }
  const scale = (count: number) => Math.max(1, Math.round(count * fraction));
  return {
    fraction,
    size: {
      clients: scale(DEFAULT_SIZE.clients),
      connections: scale(DEFAULT_SIZE.connections),
      apis: scale(DEFAULT_SIZE.apis),
      organizations: scale(DEFAULT_SIZE.organizations),
    },
  };
}

const status429 = (m: MeasuredCommand) => m.counts.byStatus['429'] ?? 0;
const seconds = (s: number) => `${s.toFixed(1)} s`;
const percentOver = (ms: number, floorSeconds: number) =>
  floorSeconds > 0 ? `${((ms / 1000 / floorSeconds - 1) * 100).toFixed(0)}% over it` : 'n/a';

/** Changes one field of the first client: its callback URL. */
async function changeOneField(workspace: Workspace): Promise<void> {
  await workspace.edit('tenant.yaml', (text) => {
    const changed = text.replace('app-00000.example.com/callback', 'app-00000.example.com/signed-in');
    if (changed === text) throw new Error("the generated tenant's first client has no callback to change");
    return changed;
  });
}

export async function bench(argv: readonly string[] = []): Promise<void> {
  const { size, fraction } = tenantSize(argv);
  const withImport = !argv.includes('--without-a0deploy');
  const share = DEFAULT_RATE_SHARE;
  const budget = LIMIT_PER_SECOND * share;
  const rateLimit = { perSecond: LIMIT_PER_SECOND };
  const generated = await writeGeneratedTenant(size);
  const ours = await startTestTenant({ rateLimit });
  const plain = await startTestTenant({ rateLimit });
  let workspace: Workspace | undefined;
  try {
    workspace = await makeWorkspace(ours.domain, generated.dir);
    const flags = [
      '--env',
      'local',
      '--dir',
      workspace.dir,
      '--out',
      workspace.out,
      '--rate-share',
      String(share),
    ];
    const env = targetEnv(ours);
    const first = await measureCommand(ours, () => runCli('deploy', flags, env));
    // deploy-cli gives up on a call after a few 429s: its failure is a figure too.
    const plainFirst = withImport
      ? await measureCommand(plain, (await preparePlainImport(workspace, ours, plain)).run, true)
      : undefined;
    const plan = await measureCommand(ours, () => runCli('plan', flags, env));
    await changeOneField(workspace);
    const oneField = await measureCommand(ours, () => runCli('deploy', flags, env));

    const floor = first.counts.writes / budget;
    const groupFloor = groupFloors(first.counts.byRoute, share)[0]?.seconds ?? 0;
    const planFloor = plan.counts.reads / budget;
    const described = describeSize(size);
    printSection(
      `first deploy of a generated tenant at a ${LIMIT_PER_SECOND} requests/s limit (tenant size ${fraction}: ${described})`,
      [
        ['rate share, budget', `${share}, ${budget} calls/s`],
        [
          'ours, first deploy',
          `${formatMs(first.ms)}, ${status429(first)} 429s, ${first.counts.writes} write calls, ${first.counts.reads} reads`,
        ],
        [
          'floor: write calls ÷ budget',
          `${seconds(floor)} (ours ${percentOver(first.ms, floor)}; aim within 10%)`,
        ],
        [
          'floor: (reads + writes) ÷ budget',
          `${seconds((first.counts.reads + first.counts.writes) / budget)} (reads spend the same budget)`,
        ],
        [
          'floor of the organization buckets alone',
          `${seconds(groupFloor)} (ours ${percentOver(first.ms, Math.max(floor, groupFloor))}, the larger of the two floors)`,
        ],
        [
          'a0deploy import, first deploy',
          plainFirst
            ? `${plainFirst.code === 0 ? '' : `FAILED (exit code ${plainFirst.code}) after `}${formatMs(plainFirst.ms)}, ${status429(plainFirst)} 429s, ${plainFirst.counts.writes} write calls`
            : 'not run (--without-a0deploy)',
        ],
        [
          'ours, no-change plan',
          `${formatMs(plan.ms)}, ${plan.counts.reads} reads, ${plan.counts.writes} writes, ${status429(plan)} 429s; reads ÷ budget + 10% = ${seconds(planFloor * 1.1)}`,
        ],
        [
          'ours, one-field change deploy',
          `${oneField.counts.writes} write calls (aim 1), ${formatMs(oneField.ms)}, ${status429(oneField)} 429s`,
        ],
      ],
    );
  } finally {
    await ours.close();
    await plain.close();
    await workspace?.remove();
    await generated.remove();
  }
}
