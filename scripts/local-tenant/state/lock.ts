/**
 * One local tenant per state file. Two servers on one file each write their own copy of the tenant over
 * the other's, and each binds the Management API's audience to its own port; so a server holds
 * `<state file>.lock`, naming its pid and port, for as long as it runs.
 */
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../../user-error';

/** Another server holds the state file. */
export class StateLockedError extends UserError {
  constructor(stateFile: string, holder: LockHolder, lockFile: string) {
    super(
      `${stateFile} is in use by another local tenant (pid ${holder.pid}, port ${holder.port}): ` +
        `stop it, use its AUTH0_* lines, or start this one with another --state ` +
        `(if pid ${holder.pid} is no local tenant, delete ${lockFile})`,
    );
    this.name = 'StateLockedError';
  }
}

interface LockHolder {
  pid: number;
  port: number;
}

export interface StateLock {
  /** Gives the state file up (once; later calls do nothing). */
  release(): void;
}

function readHolder(lockFile: string): LockHolder | undefined {
  try {
    const holder: unknown = JSON.parse(readFileSync(lockFile, 'utf8'));
    if (typeof holder !== 'object' || holder === null) return undefined;
    const { pid, port } = holder as Record<string, unknown>;
    return typeof pid === 'number' && typeof port === 'number' ? { pid, port } : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists, it is just not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Creates the lock file whole or not at all: the holder is written to a file of our own, which is then
 * hard-linked to the lock's name (a link fails when the name exists, as an open with `wx` does, and no
 * reader ever sees a half-written lock).
 */
function tryCreate(lockFile: string, holder: LockHolder): boolean {
  const own = `${lockFile}.${process.pid}.${holder.port}`;
  writeFileSync(own, `${JSON.stringify(holder)}\n`, { mode: 0o600 });
  try {
    linkSync(own, lockFile);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(own);
  }
}

/**
 * Takes the lock on `stateFile` for the server listening on `port`, or throws StateLockedError naming the
 * server that holds it. A lock whose process is gone (killed, crashed) or whose content is unreadable is
 * stale and taken over.
 */
export function lockStateFile(stateFile: string, port: number): StateLock {
  const lockFile = `${stateFile}.lock`;
  const holder: LockHolder = { pid: process.pid, port };
  mkdirSync(path.dirname(stateFile), { recursive: true });
  for (let attempt = 0; !tryCreate(lockFile, holder); attempt += 1) {
    const current = readHolder(lockFile);
    if (current && isRunning(current.pid)) throw new StateLockedError(stateFile, current, lockFile);
    if (attempt > 0) {
      throw new UserError(`${lockFile}: cannot take over this stale lock; delete it and start again`);
    }
    try {
      unlinkSync(lockFile);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    const current = readHolder(lockFile);
    if (current?.pid === holder.pid && current.port === holder.port) unlinkSync(lockFile);
  };
  // A process that exits without closing its server (an uncaught error) still gives the file up.
  process.on('exit', release);
  return { release };
}
