/**
 * Auth0's Management API rate limits: the tenant-wide bucket and the endpoint groups Auth0 gives tighter
 * buckets of their own. The one list both the local tenant (which enforces them) and our transport (which
 * paces itself by them) read.
 *
 * Figures: the Enterprise (public cloud) table, the plan whose table names these groups,
 * https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy/rate-limit-configurations/enterprise-public
 * (Management API: production 50 burst, 16/second sustained; non-production 10 burst, 2/second; then the
 * per-endpoint rows below). Other plans differ (Free, Essentials, Private Cloud tiers), see
 * https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy/rate-limit-configurations
 * which is why the tenant-wide limit is learnt from the headers of each answer, not assumed.
 */
import type { BucketLimit } from './token-bucket';

/** Auth0's documented tenant-wide Management API buckets (Enterprise, public cloud). */
export const TENANT_LIMITS = {
  production: { capacity: 50, perSecond: 16 },
  nonProduction: { capacity: 10, perSecond: 2 },
} as const satisfies Record<string, BucketLimit>;

export interface EndpointGroup {
  /** The group's name in reports, e.g. `organizations: write`. */
  name: string;
  /** Its own bucket, when Auth0 documents one; the tenant-wide bucket applies to every request as well. */
  limit?: BucketLimit;
}

interface GroupRule {
  name: string;
  methods: readonly string[];
  /** Path below `/api/v2`, `:x` for one segment. */
  template: string;
  limit: BucketLimit;
}

const perMinute = (capacity: number, sustained: number): BucketLimit => ({
  capacity,
  perSecond: sustained / 60,
});

/**
 * The organization rows of the Enterprise table (the family the Private Cloud tables list in full, e.g.
 * https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy/rate-limit-configurations/tier-20-development-private-cloud).
 * Rows those tables add for other endpoints (prompt partials 5 a minute, signing-key rotation 5 a day,
 * custom-domain verification, connection status) are not modelled: the Enterprise table we cite does not
 * show them, and deploy-cli reads every prompt's partials, which at 5 a minute would make each plan wait
 * for minutes on a limit we cannot confirm for the plans our tenants are on.
 */
const RULES: readonly GroupRule[] = [
  { name: 'organizations: list', methods: ['GET'], template: '/organizations', limit: perMinute(10, 100) },
  {
    name: 'organizations: read by name',
    methods: ['GET'],
    template: '/organizations/name/:name',
    limit: perMinute(20, 200),
  },
  {
    name: 'organizations: read',
    methods: ['GET'],
    template: '/organizations/:id',
    limit: perMinute(40, 500),
  },
  { name: 'organizations: write', methods: ['POST'], template: '/organizations', limit: perMinute(5, 150) },
  {
    name: 'organizations: write',
    methods: ['PATCH', 'DELETE'],
    template: '/organizations/:id',
    limit: perMinute(5, 150),
  },
  {
    name: 'organization members: read',
    methods: ['GET'],
    template: '/organizations/:id/members',
    limit: perMinute(40, 500),
  },
  {
    name: 'organization members: write',
    methods: ['POST', 'DELETE'],
    template: '/organizations/:id/members',
    limit: perMinute(20, 200),
  },
  {
    name: 'organization member roles',
    methods: ['GET', 'POST', 'DELETE'],
    template: '/organizations/:id/members/:user/roles',
    limit: perMinute(20, 200),
  },
  {
    name: 'organization connections: read',
    methods: ['GET'],
    template: '/organizations/:id/enabled_connections',
    limit: perMinute(10, 100),
  },
  {
    name: 'organization connections: write',
    methods: ['POST'],
    template: '/organizations/:id/enabled_connections',
    limit: perMinute(5, 150),
  },
  {
    name: 'organization connections: write',
    methods: ['PATCH', 'DELETE'],
    template: '/organizations/:id/enabled_connections/:connection',
    limit: perMinute(5, 150),
  },
];

const segmentsOf = (path: string) => path.split('/').filter((segment) => segment !== '');

function matches(template: string, path: string): boolean {
  const want = segmentsOf(template);
  const have = segmentsOf(path);
  return want.length === have.length && want.every((part, i) => part.startsWith(':') || part === have[i]);
}

/**
 * The group of a Management API request, `path` below `/api/v2` (or with it) and without the query: one of
 * the groups above, else named by its first path segment (`clients`), with no bucket of its own.
 */
export function endpointGroup(method: string, path: string): EndpointGroup {
  const below = path.startsWith('/api/v2') ? path.slice('/api/v2'.length) : path;
  const verb = method.toUpperCase();
  // `/organizations/name/x` before `/organizations/:id/members`: the literal segment wins.
  const rule = RULES.find(
    (candidate) => candidate.methods.includes(verb) && matches(candidate.template, below),
  );
  if (rule) return { name: rule.name, limit: rule.limit };
  return { name: segmentsOf(below)[0] ?? 'api' };
}
