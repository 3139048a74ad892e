/**
 * The one command-line shell every npm script runs in: parsing options strictly, printing the usage for
 * --help or a mistake in the options, and ending with an exit code from EXIT (the README's table). A
 * mistake a person can fix is one line and exit 1; only a bug (or an unwritable disk) prints a stack.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UserError } from '../user-error';

export const EXIT = {
  /** check and build: no problems; plan: no changes; export: no drift; deploy: deployed. */
  ok: 0,
  /** check and build: problems; any command: a mistake a person can fix (options, credentials, input). */
  problems: 1,
  /** plan: changes to deploy; export: drift. */
  changes: 2,
  /** A bug: the stack is printed. */
  internal: 70,
} as const;

/** A mistake in the command line: the message, then the usage. */
export class UsageError extends UserError {}

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** `parseArgs` in strict mode, no positionals; its complaints become UsageErrors. */
export function parseOptionValues(argv: string[], options: OptionsConfig) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values as Record<
      string,
      string | boolean | string[] | undefined
    >;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The value of `--format`, one of `formats` (the first is the default). */
export function formatOption<F extends string>(raw: unknown, formats: readonly F[]): F {
  const format = typeof raw === 'string' ? raw : formats[0];
  if (!formats.includes(format as F)) {
    throw new UsageError(`--format must be one of ${formats.join(', ')}, not "${String(raw)}"`);
  }
  return format as F;
}

/**
 * Runs a command: `parse` turns argv into options (or 'help'), `main` does the work and returns the exit
 * code. Sets process.exitCode; never exits the process itself, so output is flushed.
 */
export function runCli<O>(
  usage: string,
  parse: (argv: string[]) => O | 'help',
  main: (options: O) => Promise<number>,
): void {
  const run = async (): Promise<number> => {
    let options: O | 'help';
    try {
      options = parse(process.argv.slice(2));
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      process.stderr.write(`error: ${error.message}\n\n${usage}`);
      return EXIT.problems;
    }
    if (options === 'help') {
      process.stdout.write(usage);
      return EXIT.ok;
    }
    return main(options);
  };
  run().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof UserError) {
        process.stderr.write(`error: ${error.message}\n`);
        process.exitCode = EXIT.problems;
        return;
      }
      process.stderr.write(
        `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = EXIT.internal;
    },
  );
}
