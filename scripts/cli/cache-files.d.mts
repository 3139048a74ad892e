/** Writes `file` beside itself, then renames it into place: no reader ever sees half of it. */
export function writeAtomically(file: string, data: string | NodeJS.ArrayBufferView): void;

/** How long an earlier version is left: a process started a moment before may not have read it yet. */
export const KEPT_FOR_MS: number;

/** Removes the versions (`isVersion`) of a cached file untouched for ten minutes; `current` and `current.*` stay. */
export function removeEarlierVersions(
  folder: string,
  current: string,
  isVersion: (name: string) => boolean,
): void;
