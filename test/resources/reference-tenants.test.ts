/**
 * Real deploy-cli exports (auth0-deploy-cli's own end-to-end test data, beside the repository in
 * ../shared/reference) taken the whole way: checked as they are, with every refusal asserted where it is
 * and answered as its hint says, after which the check has nothing left to refuse. Deployed, redeployed
 * and exported, then adopted: test/adopt/adopt-reference.test.ts. The reference files are read, never
 * copied into the repository.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resourceKeys } from '../../scripts/resources/index';
import type { Problem } from '../../scripts/tenant';
import { END_OF_LIFE_SECTIONS } from '../../scripts/tenant/schema/validate';
import { parseYamlFile } from '../../scripts/tenant/yaml-file';
import { ANSWERS, answerProblems, checkCopy, copyReference, findTenantFiles } from './reference-tenant-copy';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const testdata = path.resolve(repoRoot, '../shared/reference/auth0-deploy-cli/testdata');
const files = existsSync(testdata) ? await findTenantFiles(testdata) : [];

/** The line (1-based) where a top-level section's key is written. */
const sectionLine = (text: string, section: string) =>
  text.split('\n').findIndex((line) => line.startsWith(`${section}:`)) + 1;

const counted = (problems: readonly Problem[]) =>
  Object.entries(
    problems.reduce<Record<string, number>>((counts, { rule }) => {
      counts[rule] = (counts[rule] ?? 0) + 1;
      return counts;
    }, {}),
  )
    .map(([rule, count]) => `${rule} x${count}`)
    .join(', ');

describe.skipIf(!existsSync(testdata))('real deploy-cli exports, checked (../shared/reference)', () => {
  it('finds the reference tenant files', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  // Concurrent: most of a run is deploy-cli keeping to Auth0's rate limits (8 calls a second), not work.
  it.concurrent.for(files)(
    '%s: checked, every refusal where it belongs, then answered until nothing is refused',
    { timeout: 300_000 },
    async (file, { expect }) => {
      const started = Date.now();
      const work = await mkdtemp(path.join(tmpdir(), 'reference-tenant-'));
      try {
        const copy = await copyReference(path.join(testdata, file), path.join(work, 'tenant'));
        const lines = copy.original.split('\n');
        const sections = Object.keys(parseYamlFile(copy.original, file).data ?? {});
        const supported = sections.filter((section) => resourceKeys().includes(section));
        const unsupported = sections.filter(
          (section) => !supported.includes(section) && !END_OF_LIFE_SECTIONS.includes(section),
        );

        // 1. The export as it is (with its code and HTML files missing): every error has an answer.
        const checked = await checkCopy(copy);
        const problems = checked.filter((problem) => problem.severity === 'error');
        expect(problems.filter((problem) => !(problem.rule in ANSWERS))).toEqual([]);
        // Each section of a type we do not manage is refused, at its key, by name.
        for (const section of unsupported) {
          expect(problems).toContainEqual(
            expect.objectContaining({
              rule: 'schema/unknown-key',
              line: sectionLine(copy.original, section),
              column: 1,
              message: `(top level): unknown key "${section}"`,
            }),
          );
        }
        // A secret written in clear is refused on its own line (the value is never repeated).
        const literals = problems.filter((problem) => problem.rule === 'secrets/literal-in-tenant');
        for (const problem of literals) {
          const field = problem.path.split('.').at(-1) ?? '';
          expect(lines[problem.line - 1]).toMatch(new RegExp(`^\\s*${field}: (?!.*##)\\S`));
          expect(problem.message).not.toContain(lines[problem.line - 1]?.split(': ')[1]);
        }
        if (file === 'lots-of-configuration/tenant.yaml') {
          expect(literals).toEqual([
            expect.objectContaining({
              line: 97,
              path: 'clients[Node App].client_authentication_methods.private_key_jwt.credentials[e2e-test-key].pem',
            }),
            expect.objectContaining({
              line: 759,
              path: 'logStreams[Suspended DD Log Stream].sink.datadogApiKey',
            }),
            expect.objectContaining({
              line: 774,
              path: 'eventStreams[e2e-webhook-stream].destination.configuration.webhook_authorization.token',
            }),
          ]);
        }

        // 2. Answered as the hints say: the check has nothing left to refuse.
        await answerProblems(copy, problems);
        expect((await checkCopy(copy)).filter((problem) => problem.severity === 'error')).toEqual([]);

        // 3. Deployed, deployed again with nothing to write, exported with no drift: the dev tenant of
        // test/adopt/adopt-reference.test.ts, which goes on to adopt it.
        console.log(
          `${file}: ${((Date.now() - started) / 1000).toFixed(1)} s; checked ${supported.join(', ') || 'nothing'}; ` +
            `refused ${counted(problems) || 'nothing'}; not supported ${unsupported.join(', ') || 'none'}; ` +
            `end of life (empty, ignored) ${sections.filter((s) => END_OF_LIFE_SECTIONS.includes(s)).join(', ') || 'none'}`,
        );
      } finally {
        await rm(work, { recursive: true, force: true });
      }
    },
  );
});
