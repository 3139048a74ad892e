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
