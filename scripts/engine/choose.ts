/**
 * Which tenant a command talks to, decided before anything runs: a real tenant when AUTH0_DOMAIN,
 * AUTH0_CLIENT_ID and AUTH0_CLIENT_SECRET are all set, else the local stand-in (only for a local
 * environment). Pure, so every refusal is a tested one-line message.
 */
import { UserError } from '../user-error';
export const CREDENTIAL_VARIABLES = ['AUTH0_DOMAIN', 'AUTH0_CLIENT_ID', 'AUTH0_CLIENT_SECRET'] as const;

export interface Credentials {
  domain: string;
  clientId: string;
  clientSecret: string;
}

export type TargetChoice = { kind: 'tenant'; credentials: Credentials } | { kind: 'local' };

export class TargetError extends UserError {}

export interface ChooseInput {
  env: string;
  /** The environment file's tier (`local` for the stand-in). */
  tier: string | undefined;
  /** The environment file's AUTH0_DOMAIN keyword. */
  domainKeyword: unknown;
  environmentFile: string;
  variables: Readonly<Record<string, string | undefined>>;
}

export function chooseTarget({
  env,
  tier,
  domainKeyword,
  environmentFile,
  variables,
}: ChooseInput): TargetChoice {
  // Blank counts as unset: a GitHub secret that does not exist reaches a step as an empty string.
  const set = CREDENTIAL_VARIABLES.filter((name) => (variables[name] ?? '').trim() !== '');
  if (set.length > 0 && set.length < CREDENTIAL_VARIABLES.length) {
    const unset = CREDENTIAL_VARIABLES.filter((name) => !set.includes(name));
    throw new TargetError(
      `${set.join(' and ')} ${set.length === 1 ? 'is' : 'are'} set but ${unset.join(' and ')} ${unset.length === 1 ? 'is' : 'are'} not: ` +
        'set all three to use a real tenant, or none to use the local tenant',
    );
  }
  if (set.length === CREDENTIAL_VARIABLES.length) {
    const domain = bareDomain(variables.AUTH0_DOMAIN ?? '');
    const expected = typeof domainKeyword === 'string' ? bareDomain(domainKeyword) : undefined;
    if (expected === undefined) {
      throw new TargetError(
        `${environmentFile} has no AUTH0_DOMAIN keyword, so nothing proves ${domain} is the ${env} tenant: add "AUTH0_DOMAIN: ${domain}" under keywords:`,
      );
    }
    if (domain !== expected) {
      throw new TargetError(
        `AUTH0_DOMAIN is ${domain}, but ${environmentFile} says the ${env} tenant is ${expected}: ` +
          `use the ${env} credentials, or pick the environment that matches (--env)`,
      );
    }
    return {
      kind: 'tenant',
      credentials: {
        domain,
        clientId: variables.AUTH0_CLIENT_ID ?? '',
        clientSecret: variables.AUTH0_CLIENT_SECRET ?? '',
      },
    };
  }
  if (tier !== 'local') {
    throw new TargetError(
      `environment "${env}" is a real tenant and AUTH0_DOMAIN, AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET are not set: ` +
        'set them to its deploy client, or use --env local to try the change against the local tenant',
    );
  }
  return { kind: 'local' };
}

/** `https://Example.EU.auth0.com/` and `example.eu.auth0.com` name the same tenant. */
export function bareDomain(domain: string): string {
  return domain
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/\/+$/, '')
    .toLowerCase();
}
