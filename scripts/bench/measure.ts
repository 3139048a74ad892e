/**
 * Small timing helpers shared by the benchmark sections. Figures are printed, never asserted: speed goals
 * live here, not in timed tests.
 */
import { performance } from 'node:perf_hooks';
import type { LocalTenant } from '../local-tenant/local-tenant';
import type { RequestCounts } from '../local-tenant/request-log';

export interface Timing {
  runs: number;
  medianMs: number;
  p95Ms: number;
  minMs: number;
}

/** Runs `task` `runs` times (after `warmup` unmeasured runs) and summarises the wall times. */
export async function time(task: () => unknown, { runs = 10, warmup = 1 } = {}): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await task();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await task();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
  return { runs, medianMs: at(0.5), p95Ms: at(0.95), minMs: samples[0] ?? 0 };
}

export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 1) return `${ms.toFixed(1)} ms`;
  return `${(ms * 1000).toFixed(1)} µs`;
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} kB` : `${bytes} B`;
}

/** Prints a section title and aligned `label  value` rows. */
export function printSection(title: string, rows: Array<[label: string, value: string]>): void {
  const width = Math.max(0, ...rows.map(([label]) => label.length));
  process.stdout.write(`\n${title}\n${'-'.repeat(title.length)}\n`);
  for (const [label, value] of rows) process.stdout.write(`  ${label.padEnd(width)}  ${value}\n`);
}

/** A command's wall time, exit code and the tenant's request counts while it ran. */
export interface MeasuredCommand {
  ms: number;
  counts: RequestCounts;
  code: number | null;
}

/** Runs and measures `command`; unless `mayFail`, a failure stops the benchmark. */
export async function measureCommand(
  tenant: LocalTenant,
  command: () => Promise<{ code: number | null; stderr?: string }>,
  mayFail = false,
): Promise<MeasuredCommand> {
  tenant.resetRequests();
  const start = performance.now();
  const { code, stderr } = await command();
  const ms = performance.now() - start;
  if (code !== 0 && !mayFail) {
    throw new Error(`the measured command failed (exit code ${code})\n${stderr ?? ''}`);
  }
  return { ms, counts: tenant.requests(), code };
}
