/**
 * Shapes shared by several Auth0 Action triggers. Internal to `actions/types/`: Actions import the trigger
 * modules (`@auth0/actions/post-login/v3`, `@auth0/actions/pre-user-registration/v2`), which re-export what
 * they need from here.
 */

/**
 * A string union that still accepts any other string, for values Auth0 documents as "one of these, or
 * something else" (protocols, authentication method names). Editors still suggest the documented ones.
 */
export type LiteralUnion<Known extends string> = Known | (string & Record<never, never>);

/** Geolocation of the request's IP address, as Auth0 resolves it. Every field may be missing. */
export interface GeoIp {
  cityName?: string;
  continentCode?: string;
  countryCode?: string;
  countryCode3?: string;
  countryName?: string;
  latitude?: number;
  longitude?: number;
  subdivisionCode?: string;
  subdivisionName?: string;
  timeZone?: string;
}

/** JA3/JA4 TLS fingerprints; only present when the tenant sits behind Cloudflare. */
export interface SecurityContext {
  ja3?: string;
  ja4?: string;
}

/** The custom domain the transaction came through, if any. */
export interface CustomDomain {
  domain: string;
  domain_metadata: Record<string, string>;
}

/** The protocols Auth0 documents for `event.transaction.protocol`. */
export type TransactionProtocol = LiteralUnion<
  | 'oidc-basic-profile'
  | 'oidc-ciba'
  | 'oidc-ciba-web-link'
  | 'oidc-implicit-profile'
  | 'oauth2-device-code'
  | 'oauth2-resource-owner'
  | 'oauth2-resource-owner-jwt-bearer'
  | 'oauth2-password'
  | 'oauth2-webauthn'
  | 'oauth2-access-token'
  | 'oauth2-refresh-token'
  | 'oauth2-token-exchange'
  | 'oidc-hybrid-profile'
  | 'samlp'
  | 'wsfed'
  | 'wstrust-usernamemixed'
>;

/**
 * The secrets an Action receives. Auth0 hands every secret declared on the Action as a string; a name the
 * Action did not declare is simply absent, hence `undefined` on read.
 */
export interface Secrets {
  readonly [secretName: string]: string | undefined;
}

/**
 * What a per-Action secrets type must look like: declare it with `type` (not `interface`), naming every
 * secret the Action reads, e.g. `type CustomClaimsSecrets = { CLAIMS_NAMESPACE: string }`.
 */
export type SecretsShape = { readonly [secretName: string]: string | undefined };

/** Reserved by Auth0 ("@private" in the official types); always an empty object today. */
export type Configuration = Record<string, never>;
