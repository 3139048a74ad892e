import { it as base, describe, expect } from 'vitest';
import { type LocalDeployment, openLocalDeployment, runCli, startCli, targetEnv } from './workspace';

/** Each test gets a local tenant and a workspace of its own, so the two run at the same time. */
const it = base.extend(
  'opened',
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads the fixtures a fixture needs from this pattern
  async ({}, { onCleanup }): Promise<LocalDeployment> => {
    const opened = await openLocalDeployment();
    onCleanup(() => opened.close());
    return opened;
  },
);

describe.concurrent('a deploy against an unreliable tenant', () => {
  it('completes through 429s (waiting as Retry-After asks), 503s and dropped connections', async ({
    opened,
  }) => {
    const local = opened.tenant;
    // Seeded, so the same requests meet the same faults on every run and each kind is sure to happen.
    local.setFaults({
      rateLimitRatio: 0.08,
      retryAfterSeconds: 1,
      serverErrorRatio: 0.08,
      dropRatio: 0.08,
      seed: 20261124,
    });

    const deploy = await runCli('deploy', opened.flags, targetEnv(local));
    local.setFaults({});
    const plan = await runCli('plan', opened.flags, targetEnv(local));

    expect(deploy.code, deploy.stderr).toBe(0);
    expect(deploy.stdout).toMatch(/rate limited on [A-Z]+ \/\S+: retrying after 1 s, as Retry-After asks/);
    expect(deploy.stdout).toMatch(/503 from [A-Z]+ \/\S+: retrying/);
    expect(deploy.stdout).toMatch(/connection lost on [A-Z]+ \/\S+: retrying|apply stopped part way/);
    expect(plan.stdout).toMatch(/: no changes\n(?:\nNotes:\n(?: {2}.*\n)+)?$/);
    expect(plan.code).toBe(0);
  }, 360_000);

  it('finishes a deploy killed half way when it is simply run again, duplicating nothing', async ({
    opened,
  }) => {
    const local = opened.tenant;
    local.setFaults({ latencyMs: 40 });
    const first = startCli('deploy', opened.flags, targetEnv(local));
    while (local.requests().writes < 8) {
      if (first.child.exitCode !== null)
        throw new Error(`the deploy ended before it could be killed:\n${first.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    first.child.kill('SIGKILL');
    const killed = await first.done;
    local.setFaults({});

    const rerun = await runCli('deploy', opened.flags, targetEnv(local));
    const plan = await runCli('plan', opened.flags, targetEnv(local));

    expect(killed.signal).toBe('SIGKILL');
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stdout).toMatch(/deployed: \d+ created/);
    expect(plan.stdout).toMatch(/^Plan for local \(.*\): no changes\n(?:\nNotes:\n(?: {2}.*\n)+)?$/);
    expect(plan.code).toBe(0);
  }, 360_000);
});
