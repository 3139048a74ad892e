/**
 * A file an adopted tenant names: an Action's code, a custom-database script, a page or an email body.
 * Compared by content across environments; written where `repoPath` says, and named in tenant.yaml by
 * its path relative to tenant/.
 */
import path from 'node:path';
import type { Bundled } from '../bundle/bundle-all';

/** Code the build bundles (an Action, a custom-database script), or a file deploy-cli reads as it is. */
export type AdoptedFileKind = Bundled['kind'] | 'tenant-file';

export class AdoptedFile {
  constructor(
    readonly kind: AdoptedFileKind,
    readonly content: string,
    /** Relative to the repository, `/`-separated: `actions/user-sync/index.cjs`, `tenant/emailTemplates/welcome.html`. */
    readonly repoPath: string,
  ) {}

  /** The same file for one environment only, when environments hold different texts. */
  forEnvironment(env: string): AdoptedFile {
    const extension = path.posix.extname(this.repoPath);
    const base = this.repoPath.slice(0, this.repoPath.length - extension.length);
    return new AdoptedFile(this.kind, this.content, `${base}.${env}${extension}`);
  }

  /** How tenant.yaml names it: relative to its folder (`tenantDir`, from the repository), as deploy-cli reads it. */
  referenceFrom(tenantDir: string): string {
    const relative = path.posix.relative(tenantDir, this.repoPath);
    return relative.startsWith('../') ? relative : `./${relative}`;
  }
}

/** Auth0 names hold spaces and slashes; our folders do not. */
export function fileSlug(name: string): string {
  return (
    name
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase() || 'unnamed'
  );
}
