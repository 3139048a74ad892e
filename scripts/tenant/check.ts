import path from 'node:path';
import { checkClientAuthCredentials } from '../resources/client-auth-credentials/check';
import { checkDeployCliCaveats } from './checks/deploy-cli';
import { checkReferences } from './checks/references';
import { checkSecrets } from './checks/secrets';
import { decideTier } from './checks/tier';
import { type ReferencedFile, readReferencedFiles } from './files';
import type { LoadedTenant } from './load';
import { runPolicy } from './policy/index';
import { applyWaivers, type WaivedProblem } from './policy/waivers';
import { type Problem, problemAt, sortProblems } from './problem';
import { type ResolvedTenant, resolveKeywords } from './resolve';
import { validateTenantSchema } from './schema/validate';
import { POLICY_WAIVERS_KEY } from './schema/waivers';
import { locate, readablePath } from './source-map';

export interface CheckOptions {
  /** Today, for waiver expiry. */
  now?: Date;
  /** For tests of code-file references; defaults to the file system. */
  fileExists?: (absolutePath: string) => boolean;
}

export interface CheckResult {
  problems: Problem[];
  waived: WaivedProblem[];
  /** The resolved tenant, when the files could be read far enough to resolve it. */
  resolved?: ResolvedTenant;
  /** The files tenant.yaml names (pages, email bodies), read with keywords replaced: for the build. */
  files?: ReferencedFile[];
}

/**
 * Every check on a loaded tenant, all problems at once: YAML, keywords, schema, secrets, references,
 * security policy, waivers. Needs no network and no secret values.
 */
export function checkTenantWithWaivers(loaded: LoadedTenant, options: CheckOptions = {}): CheckResult {
  const problems: Problem[] = [...loaded.problems];
  const unreadable = loaded.problems.some(
    (problem) =>
      problem.severity === 'error' && (problem.rule === 'yaml/syntax' || problem.rule === 'files/not-found'),
  );
  if (unreadable || !loaded.tenant || !loaded.environment) {
    return { problems: sortProblems(problems), waived: [] };
  }

  const resolved = resolveKeywords(loaded);
  const referenced = readReferencedFiles({ loaded, tenant: resolved.tenant, sources: resolved.sources });
  // A keyword used only inside a page or an email body is used.
  const usedInFiles = new Set([...referenced.usedKeywords].map((key) => `keywords.${key}`));
  problems.push(
    ...resolved.problems.filter(
      (problem) => !(problem.rule === 'keywords/unused' && usedInFiles.has(problem.path)),
    ),
    ...referenced.problems,
  );

  const waiverList = loaded.tenant[POLICY_WAIVERS_KEY];
  const document =
    waiverList === undefined ? resolved.tenant : { ...resolved.tenant, [POLICY_WAIVERS_KEY]: waiverList };
  problems.push(
    ...validateTenantSchema({
      document,
      sources: resolved.sources,
      file: loaded.file,
      skip: new Set(resolved.unresolved),
    }),
  );

  problems.push(...checkSecrets(loaded, resolved));

  const findings = [
    ...checkReferences(resolved.tenant, {
      tenantDir: path.dirname(loaded.file),
      ...(options.fileExists ? { fileExists: options.fileExists } : {}),
    }),
    ...checkDeployCliCaveats(resolved.tenant),
    ...checkClientAuthCredentials(resolved.tenant, loaded.secrets),
  ];
  for (const finding of findings) {
    problems.push(
      problemAt(locate(resolved.sources, finding.pointer, loaded.file), {
        path: readablePath(resolved.tenant, finding.pointer),
        rule: finding.rule,
        severity: finding.severity ?? 'error',
        message: finding.message,
        hint: finding.hint,
      }),
    );
  }

  const { tier, problems: tierProblems } = decideTier(loaded);
  problems.push(...tierProblems);
  problems.push(
    ...runPolicy({ tenant: resolved.tenant, sources: resolved.sources, file: loaded.file, tier }),
  );

  const result = applyWaivers(problems, loaded.waivers, options.now ?? new Date());
  return {
    problems: sortProblems(result.problems),
    waived: result.waived,
    resolved,
    files: referenced.files,
  };
}

export function checkTenant(loaded: LoadedTenant, options: CheckOptions = {}): Problem[] {
  return checkTenantWithWaivers(loaded, options).problems;
}
