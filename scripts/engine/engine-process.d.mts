import type { ChildProcess } from 'node:child_process';

/** The engine's environment: only the variables running Node and reaching the network take (engine-process.mjs). */
export function engineEnvironment(env: Readonly<Record<string, string | undefined>>): Record<string, string>;

/** Starts the engine now, for the command to take (the launcher, for the commands that use one). */
export function prestartEngine(): void;

/** The engine started ahead if it inherited none of `excluded` and still runs, else a new one. */
export function takeEngine(excluded: readonly string[]): Promise<ChildProcess>;
