import { appendFile } from 'node:fs/promises';

/**
 * In GitHub Actions, adds a command's result (markdown) to the job summary: the file GITHUB_STEP_SUMMARY
 * names. Elsewhere does nothing.
 */
export async function appendStepSummary(
  sections: readonly string[],
  variables: Readonly<Record<string, string | undefined>> = process.env,
): Promise<void> {
  const file = variables.GITHUB_STEP_SUMMARY;
  if (!file) return;
  await appendFile(file, `${sections.map((section) => section.trimEnd()).join('\n\n')}\n\n`);
}

/**
 * In GitHub Actions, sets a step output (`steps.<id>.outputs.<name>`): a line in the file GITHUB_OUTPUT
 * names. Elsewhere does nothing. `value` is one line (a digest), so needs no delimiter.
 */
export async function setStepOutput(
  name: string,
  value: string,
  variables: Readonly<Record<string, string | undefined>> = process.env,
): Promise<void> {
  const file = variables.GITHUB_OUTPUT;
  if (!file) return;
  await appendFile(file, `${name}=${value}\n`);
}
