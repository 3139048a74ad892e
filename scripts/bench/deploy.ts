/**
 * Our deploy against a plain `a0deploy import` of the same build, on the local tenant with 50 ms added
 * to every API call: a first deploy into an empty tenant, then a deploy with nothing changed. Wall time
 * (whole command, as a person or CI waits for it) and write calls (from the tenant's request log). Our
 * no-change deploy is run several times and given as the median: on a busy 2-core machine one run of it
 * varies by a few tenths of a second, as much as the changes it measures.
 */
import { makeWorkspace, runCli, startTestTenant, targetEnv } from '../../test/deploy/workspace';
import { preparePlainImport } from './a0deploy';
import { formatMs, type MeasuredCommand, measureCommand, printSection } from './measure';

const LATENCY_MS = 50;
const NO_CHANGE_RUNS = 7;

export async function bench(): Promise<void> {
  const ours = await startTestTenant();
  const plain = await startTestTenant();
  const workspace = await makeWorkspace(ours.domain);
  try {
    ours.setFaults({ latencyMs: LATENCY_MS });
    const args = ['--env', 'local', '--dir', workspace.dir, '--out', workspace.out];
    const run = () => runCli('deploy', args, targetEnv(ours));
    const oursFirst = await measureCommand(ours, run);
    const oursAgainRuns: MeasuredCommand[] = [];
    for (let i = 0; i < NO_CHANGE_RUNS; i++) oursAgainRuns.push(await measureCommand(ours, run));
    const byTime = [...oursAgainRuns].sort((a, b) => a.ms - b.ms);
    const oursAgain = byTime[Math.floor(byTime.length / 2)] as MeasuredCommand;
    const spread = `median of ${NO_CHANGE_RUNS}, ${formatMs(byTime[0]?.ms ?? 0)} to ${formatMs(byTime.at(-1)?.ms ?? 0)}`;

    // The same build, pointed at the second tenant: only the domain differs.
    const plainImport = await preparePlainImport(workspace, ours, plain);
    plain.setFaults({ latencyMs: LATENCY_MS });
    const importIt = plainImport.run;
    const plainFirst = await measureCommand(plain, importIt);
    const plainAgain = await measureCommand(plain, importIt);

    const ratio = (a: number, b: number) => (b === 0 ? (a === 0 ? '1.00' : 'n/a') : (a / b).toFixed(2));
    const row = (label: string, m: MeasuredCommand): [string, string] => [
      label,
      `${formatMs(m.ms)}, ${m.counts.writes} write calls, ${m.counts.reads} reads`,
    ];
    printSection(`deploy vs a0deploy import (local tenant, +${LATENCY_MS} ms per call)`, [
      row('ours, first deploy', oursFirst),
      row('a0deploy import, first deploy', plainFirst),
      row(`ours, no-change deploy (${spread})`, oursAgain),
      row('a0deploy import, no-change deploy', plainAgain),
      [
        'ours / import, first deploy',
        `time ${ratio(oursFirst.ms, plainFirst.ms)}, writes ${ratio(oursFirst.counts.writes, plainFirst.counts.writes)}`,
      ],
      [
        'ours / import, no-change deploy',
        `time ${ratio(oursAgain.ms, plainAgain.ms)}, writes ${ratio(oursAgain.counts.writes, plainAgain.counts.writes)}`,
      ],
    ]);
  } finally {
    await ours.close();
    await plain.close();
    await workspace.remove();
  }
}
