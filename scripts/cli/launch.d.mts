/** The path of an up-to-date bundle of a TypeScript entry file (launch.mjs). */
export function bundledEntry(entry: string): Promise<string>;

/** The arguments after `node` that start a command as `npm run <command>` does (tests, other commands). */
export function commandArgv(command: string, args: readonly string[]): string[];
