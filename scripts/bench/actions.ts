/**
 * `npm run bench -- actions`: one post-login run of our three post-login Actions in binding order
 * (risk-based-mfa, custom-claims, user-sync), per login, without network. The Actions run from source
 * against the test kit's recording api (what Auth0's runtime does around them is not measured); user-sync
 * either skips by hash or posts through an in-process axios adapter that answers 204 at once.
 */
import { performance } from 'node:perf_hooks';
import type { Event, PostLoginHandler } from '@auth0/actions/post-login/v3';
import type { AxiosAdapter } from 'axios';
import {
  type Secrets as ClaimsSecrets,
  onExecutePostLogin as customClaims,
} from '../../actions/custom-claims/index';
import {
  type Secrets as MfaSecrets,
  onExecutePostLogin as riskBasedMfa,
} from '../../actions/risk-based-mfa/index';
import { createUserSyncHandler, type Secrets as SyncSecrets } from '../../actions/user-sync/index';
import { syncHash, syncPayload } from '../../actions/user-sync/payload';
import {
  ActionsCache,
  buildPostLoginEvent,
  captureConsole,
  type LogEntry,
  type PostLoginOverrides,
} from '../../test/kit';
import { createPostLoginApi, emptyPostLoginRecord, type PostLoginRecord } from '../action-api/post-login-api';
import { formatMs, printSection, time } from './measure';

type AllSecrets = ClaimsSecrets & MfaSecrets & SyncSecrets;

const RUNS = 10_000;
const WARMUP = 1_000;
const SECRETS: AllSecrets = {
  CLAIMS_NAMESPACE: 'https://example.com/claims',
  MFA_REQUIRED_ROLES: 'admin',
  USER_SYNC_URL: 'https://sync.example.com/v1/logins',
  USER_SYNC_TOKEN: 'bench-user-sync-token',
  USER_SYNC_TIMEOUT_MS: '1500',
};

// None of the three Actions uses the cache; one shared instance keeps it out of the figures.
const UNUSED_CACHE = new ActionsCache({ defaultLifetimeMs: 0, now: Date.now });

/** One scenario's figures: a login's post-login Actions run alone. */
export interface ActionsFigure {
  label: string;
  medianMs: number;
  p95Ms: number;
  perSecond: number;
  postsPerLogin: number;
}

export const ACTIONS_TITLE = `Post-login Actions, one login in binding order (${RUNS.toLocaleString('en')} runs each)`;

export const actionsRow = (figure: ActionsFigure): [string, string] => [
  figure.label,
  `median ${formatMs(figure.medianMs)}  p95 ${formatMs(figure.p95Ms)}  ` +
    `${Math.round(figure.perSecond).toLocaleString('en')} logins/s  (${figure.postsPerLogin} POST/login)`,
];

export async function bench(): Promise<void> {
  printSection(ACTIONS_TITLE, (await measureActions()).map(actionsRow));
}

/** Each scenario checked once (it must do what it should), then timed. */
export async function measureActions(): Promise<ActionsFigure[]> {
  let adapterCalls = 0;
  const adapter: AxiosAdapter = async (config) => {
    adapterCalls++;
    return { data: '', status: 204, statusText: 'No Content', headers: {}, config };
  };
  const handlers: PostLoginHandler<AllSecrets>[] = [
    riskBasedMfa,
    customClaims,
    createUserSyncHandler({ adapter }),
  ];

  const changed = loginEvent({ authorization: { roles: ['editor'] } });
  const unchanged = loginEvent({ authorization: { roles: ['editor'] } });
  unchanged.user.app_metadata.sync_hash = syncHash(syncPayload(unchanged.user));
  const risky = loginEvent({
    authorization: { roles: ['admin'] },
    risk: { UntrustedIP: 'found_on_deny_list' },
  });
  risky.user.app_metadata.sync_hash = syncHash(syncPayload(risky.user));

  const scenarios: Array<
    [label: string, event: Event<AllSecrets>, expect: (record: PostLoginRecord) => boolean]
  > = [
    ['low risk, user-sync skipped by hash', unchanged, (r) => r.metadataWrites.length === 0 && hasClaims(r)],
    [
      'low risk, user-sync POST (in-process adapter)',
      changed,
      (r) => r.metadataWrites.length === 1 && hasClaims(r),
    ],
    ['risky admin: MFA + claims, sync skipped', risky, (r) => r.mfaRequirements.length === 1 && hasClaims(r)],
  ];

  const figures: ActionsFigure[] = [];
  const logs: LogEntry[] = [];
  await captureConsole(logs, async () => {
    for (const [label, event, expected] of scenarios) {
      const callsBefore = adapterCalls;
      const check = await oneLogin(event, handlers);
      if (!expected(check)) throw new Error(`bench scenario "${label}" did not do what it should`);
      const timing = await time(() => oneLogin(event, handlers), { runs: RUNS, warmup: WARMUP });
      const batchStart = performance.now();
      for (let i = 0; i < RUNS; i++) await oneLogin(event, handlers);
      const perSecond = RUNS / ((performance.now() - batchStart) / 1000);
      const postsPerLogin = (adapterCalls - callsBefore) / (1 + WARMUP + 2 * RUNS);
      figures.push({ label, medianMs: timing.medianMs, p95Ms: timing.p95Ms, perSecond, postsPerLogin });
      logs.length = 0;
    }
  });
  return figures;
}

function loginEvent(overrides: PostLoginOverrides<AllSecrets>): Event<AllSecrets> {
  return buildPostLoginEvent<AllSecrets>({ ...overrides, secrets: SECRETS });
}

/** One login: a fresh recording api, the handlers in order, stopping after a deny as Auth0 does. */
async function oneLogin(
  event: Event<AllSecrets>,
  handlers: PostLoginHandler<AllSecrets>[],
): Promise<PostLoginRecord> {
  const record = emptyPostLoginRecord(event as Event);
  const api = createPostLoginApi(event as Event, record, {
    claimRules: {
      audience: event.resource_server?.identifier,
      tenantHostnames: [],
      requireNamespacedClaims: true,
    },
    cache: UNUSED_CACHE,
    rulesExecuted: [],
    now: Date.now,
  });
  for (const handler of handlers) {
    await handler(event, api);
    if (record.denials.length > 0) break;
  }
  return record;
}

function hasClaims(record: PostLoginRecord): boolean {
  return 'https://example.com/claims/roles' in record.idToken.claims && record.violations.length === 0;
}
