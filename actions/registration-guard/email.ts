/**
 * Email addresses as the guard checks them: trimmed, lower-cased, the domain in its ASCII (punycode) form so
 * that an internationalised spelling of a listed domain still matches the list.
 *
 * Deliberately stricter than RFC 5322 (no quoted local parts, no IP-literal domains): a sign-up with such an
 * address is almost always a mistake or an attempt to slip past the domain checks.
 */

export interface NormalisedEmail {
  /** `local@domain`, lower case, domain in ASCII. */
  address: string;
  localPart: string;
  /** ASCII domain, e.g. `example.com` or `xn--bcher-kva.example`. */
  domain: string;
}

/** RFC 5321 limits: a path of 256 octets less the angle brackets, 64 for the local part, 253 for a name. */
const MAX_ADDRESS_LENGTH = 254;
const MAX_LOCAL_PART_LENGTH = 64;
const MAX_DOMAIN_LENGTH = 253;

/** One dot-separated piece of the local part: letters (any script), digits, and RFC 5322 atom symbols. */
const LOCAL_ATOM = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+$/u;
const DOMAIN_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
/** The last label: letters, or an internationalised TLD in punycode. Rules out `user@localhost`, `a@1.2.3.4`. */
const TOP_LEVEL_LABEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
/** Anything outside printable ASCII. */
const NON_ASCII = /[^ -~]/;

/** The address ready for checks, or `undefined` when it is not a usable email address. */
export function normaliseEmail(raw: unknown): NormalisedEmail | undefined {
  if (typeof raw !== 'string') return undefined;
  const address = raw.trim().toLowerCase();
  if (address.length === 0 || address.length > MAX_ADDRESS_LENGTH) return undefined;

  const at = address.indexOf('@');
  if (at <= 0 || at !== address.lastIndexOf('@')) return undefined;
  const localPart = address.slice(0, at);
  if (localPart.length > MAX_LOCAL_PART_LENGTH) return undefined;
  if (!localPart.split('.').every((atom) => LOCAL_ATOM.test(atom))) return undefined;

  const domain = asciiDomain(address.slice(at + 1));
  if (domain === undefined) return undefined;
  return { address: `${localPart}@${domain}`, localPart, domain };
}

/**
 * A domain in its ASCII (punycode) form, as emails are compared; undefined when IDNA rejects it. The WHATWG
 * URL parser applies IDNA (UTS #46): `bücher.example` -> `xn--bcher-kva.example`.
 */
export function toAsciiDomain(domain: string): string | undefined {
  if (!NON_ASCII.test(domain)) return domain;
  try {
    return new URL(`http://${domain}/`).hostname;
  } catch {
    return undefined;
  }
}

function asciiDomain(domain: string): string | undefined {
  const ascii = toAsciiDomain(domain);
  if (ascii === undefined) return undefined;
  if (ascii.length > MAX_DOMAIN_LENGTH) return undefined;
  const labels = ascii.split('.');
  const topLevel = labels.at(-1);
  if (labels.length < 2 || topLevel === undefined || !TOP_LEVEL_LABEL.test(topLevel)) return undefined;
  return labels.every((label) => DOMAIN_LABEL.test(label)) ? ascii : undefined;
}

/** The domain and each domain above it: `a.b.example.com` -> `a.b.example.com`, `b.example.com`, ... `com`. */
export function domainAndParents(domain: string): string[] {
  const labels = domain.split('.');
  return labels.map((_, index) => labels.slice(index).join('.'));
}
