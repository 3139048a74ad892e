/**
 * The guard's policy as its secrets state it. Secrets are comma-separated lists typed by people, so entries
 * are trimmed and case-folded, and the spellings people use for "this domain" (`@example.com`,
 * `*.example.com`, `example.com.`) all mean the domain.
 */
import { toAsciiDomain } from './email';

export interface RegistrationPolicy {
  /** BLOCKED_EMAIL_DOMAINS: blocked with every subdomain. */
  blockedDomains: ReadonlySet<string>;
  /** ALLOWED_EMAIL_DOMAINS: when set, the only domains (exactly these, not their subdomains) allowed. */
  allowedDomains: ReadonlySet<string> | undefined;
  /** BLOCKED_COUNTRIES: ISO 3166-1 alpha-2 codes, upper case. */
  blockedCountries: ReadonlySet<string>;
}

export interface RegistrationGuardSecretValues {
  readonly BLOCKED_EMAIL_DOMAINS?: string | undefined;
  readonly BLOCKED_COUNTRIES?: string | undefined;
  readonly ALLOWED_EMAIL_DOMAINS?: string | undefined;
}

export function readPolicy(secrets: RegistrationGuardSecretValues): RegistrationPolicy {
  const allowed = domainList(secrets.ALLOWED_EMAIL_DOMAINS);
  return {
    blockedDomains: domainList(secrets.BLOCKED_EMAIL_DOMAINS),
    // A secret that is set but holds no domain would deny everyone; treat it as "no allow-list" instead.
    allowedDomains: allowed.size > 0 ? allowed : undefined,
    blockedCountries: new Set(entries(secrets.BLOCKED_COUNTRIES).map((code) => code.toUpperCase())),
  };
}

function domainList(value: string | undefined): Set<string> {
  return new Set(
    entries(value)
      .map((entry) =>
        entry
          .toLowerCase()
          .replace(/^(?:@|\*\.)/, '')
          .replace(/\.$/, ''),
      )
      // Emails are checked with their domain in ASCII; an internationalised entry must be too.
      .map((domain) => toAsciiDomain(domain) ?? domain)
      .filter((domain) => domain.length > 0),
  );
}

function entries(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}
