/**
 * Log streams (`logStreams:`): where the tenant's logs go (a SIEM, Datadog, Splunk, ...). Identified by
 * name, as deploy-cli matches them. The sink's credentials are secrets; Auth0 answers reads with the
 * Datadog key, the Splunk token and the HTTP authorization (deploy-cli masks them in its own log), so
 * those are compared as read; the Mixpanel password and the Segment write key are treated as never
 * returned. A stream Auth0 suspended (its sink kept failing) reads without a status.
 */
import { asRecord, asString, entriesOf, nameOf } from '../../tenant/checks/read';
import { EVERYWHERE, type PolicyRule, PRODUCTION_ONLY } from '../../tenant/policy/rule';
import { unencryptedDelivery } from '../../tenant/policy/urls';
import { byName, defineResource, type Flattened, type Rec } from '../define';
import { logStreamRoutes, PROVISIONED } from './local-routes';
import { logStreamsSchema } from './schema';

/**
 * A sink URL carries logs full of user data (emails, IPs, user agents): https, in every tier. The one
 * exception is http to this machine's loopback outside production (the local tenant's receiver): those
 * bytes never leave the machine, and a real tenant's logs never go there.
 */
export const httpsSinks: PolicyRule = {
  id: 'log-streams/https-sink',
  summary:
    'log stream sinks receive logs over https (http only to 127.0.0.1, localhost, [::1], outside production)',
  hint: 'use the https:// address of the sink',
  severity: EVERYWHERE,
  check(tenant, { tier }) {
    return entriesOf(tenant, 'logStreams').flatMap((stream) => {
      const sink = asRecord(stream.item.sink);
      return ['httpEndpoint', 'sumoSourceAddress'].flatMap((field) => {
        const url = asString(sink?.[field]);
        const failure = url === undefined ? undefined : unencryptedDelivery(url, tier);
        if (failure === undefined) return [];
        const loopback = failure === 'loopback';
        return [
          {
            pointer: `${stream.pointer}/sink/${field}`,
            message: loopback
              ? `log stream "${nameOf(stream)}" sends production logs to "${url}", this machine over http`
              : `log stream "${nameOf(stream)}" sends its logs to "${url}", which is not https`,
            hint: loopback
              ? 'production logs go to the https:// address of the SIEM; a loopback receiver belongs in the local environment file'
              : undefined,
            expected: 'an https:// URL',
            found: url,
          },
        ];
      });
    });
  },
};

/**
 * Production keeps an audit trail outside Auth0: Auth0 keeps tenant logs for days (by plan), while an
 * investigation of an account takeover looks months back, and an attacker with dashboard access could
 * otherwise pause the only copy. A paused stream sends nothing, so it does not count. A warning in
 * development (a shared tenant, but without customers' data); off for the local stand-in, which has no
 * real logins to log.
 */
export const streamActive: PolicyRule = {
  id: 'logging/stream-active',
  summary: 'production streams its logs: at least one log stream whose status is not `paused`',
  hint: 'declare a log stream to the SIEM under logStreams: (without status: paused)',
  severity: PRODUCTION_ONLY,
  check(tenant) {
    const streams = entriesOf(tenant, 'logStreams');
    if (streams.some((stream) => stream.item.status !== 'paused')) return [];
    if (streams.length === 0) {
      return [
        { pointer: '/logStreams', message: 'no log stream: the tenant logs stay in Auth0 only, for days' },
      ];
    }
    return [
      {
        pointer: `${streams[0]?.pointer}/status`,
        message: `every log stream is paused (${streams.map(nameOf).join(', ')}): no log leaves Auth0`,
        hint: 'set status: active (or remove status:) on the stream to the SIEM',
      },
    ];
  },
};

export const logStreams = defineResource({
  key: 'logStreams',
  shape: 'list',
  noun: 'log stream',
  identityField: 'name',
  calls: '`GET`/`POST /log-streams`, `PATCH`/`DELETE /log-streams/{id}`',
  scopes: {
    read: ['read:log_streams'],
    write: ['create:log_streams', 'update:log_streams'],
    remove: ['delete:log_streams'],
  },
  schema: logStreamsSchema,
  identity: byName,
  secrets: [
    { path: 'sink.httpAuthorization', returned: true, sensitive: 'always' },
    { path: 'sink.datadogApiKey', returned: true, sensitive: 'always' },
    { path: 'sink.splunkToken', returned: true, sensitive: 'always' },
    // A Sumo Logic HTTP source address embeds its collector token.
    { path: 'sink.sumoSourceAddress', returned: true, sensitive: 'always' },
    { path: 'sink.mixpanelServiceAccountPassword', returned: false, sensitive: 'always' },
    { path: 'sink.segmentWriteKey', returned: false, sensitive: 'always' },
  ],
  compare: { normalize: (stream) => withoutProvisioned(stream).item ?? stream, deletable: true },
  flatten: withoutProvisioned,
  policy: [httpsSinks, streamActive],
  localState: [{ field: 'logStreams', shape: 'list' }],
  localRoutes: () => logStreamRoutes,
});

/** What Auth0 provisions for a stream (its partner event source or topic): state, not configuration. */
function withoutProvisioned(stream: Rec): Flattened {
  const sink = asRecord(stream.sink);
  if (!sink) return { item: stream, removed: [] };
  const provisioned = PROVISIONED.filter((field) => field in sink);
  const rest = Object.fromEntries(Object.entries(sink).filter(([field]) => !provisioned.includes(field)));
  const removed = provisioned.map((field) => ({
    path: ['sink', field],
    why: 'Auth0 provisions it for the stream',
  }));
  return { item: { ...stream, sink: rest }, removed };
}
