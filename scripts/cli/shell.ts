/**
 * What every command-line shell shares: parsing options strictly, printing the usage for --help or a
 * mistake in the options, and ending with an exit code. A mistake a person can fix is one line and exit 1;
 * only a bug (or an unwritable disk) prints a stack, with exit 2.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';

export class UsageError extends Error {}

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** `parseArgs` in strict mode, no positionals; its complaints become UsageErrors. */
export function parseOptionValues(argv: string[], options: OptionsConfig) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values as Record<
      string,
      string | boolean | undefined
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
      return 1;
    }
    if (options === 'help') {
      process.stdout.write(usage);
      return 0;
    }
    return main(options);
  };
  run().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 2;
    },
  );
}
