/**
 * Log streams (`logStreams:`): where the tenant's logs go (a SIEM, Datadog, Splunk, ...). Identified by
 * name, as deploy-cli matches them. The sink's credentials are secrets; Auth0 answers reads with the
 * Datadog key, the Splunk token and the HTTP authorization (deploy-cli masks them in its own log), so
 * those are compared as read; the Mixpanel password and the Segment write key are treated as never
 * returned. A stream Auth0 suspended (its sink kept failing) reads without a status.
 */
import { asRecord, asString, entriesOf, nameOf } from '../../tenant/checks/read';
import { findPlaceholders } from '../../tenant/placeholders';
import { EVERYWHERE, type PolicyRule } from '../../tenant/policy/rule';
import { byName, defineResource } from '../define';
import { logStreamRoutes } from './local-routes';
import { logStreamsSchema } from './schema';

/** A sink URL carries logs full of user data (emails, IPs, user agents): https only, in every tier. */
export const httpsSinks: PolicyRule = {
  id: 'log-streams/https-sink',
  summary: 'log stream sinks receive logs over https only',
  hint: 'use the https:// address of the sink',
  severity: EVERYWHERE,
  check(tenant) {
    return entriesOf(tenant, 'logStreams').flatMap((stream) => {
      const sink = asRecord(stream.item.sink);
      return ['httpEndpoint', 'sumoSourceAddress'].flatMap((field) => {
        const url = asString(sink?.[field]);
        // A placeholder at the start hides the scheme (a secret's value is not ours to read).
        if (url === undefined || findPlaceholders(url)[0]?.start === 0 || url.startsWith('https://'))
          return [];
        return [
          {
            pointer: `${stream.pointer}/sink/${field}`,
            message: `log stream "${nameOf(stream)}" sends its logs to "${url}", which is not https`,
            expected: 'an https:// URL',
            found: url,
          },
        ];
      });
    });
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
  compare: {
    // Auth0 fills these in; they are the stream's state, not its configuration.
    normalize: (stream) => {
      const sink = asRecord(stream.sink);
      if (!sink) return stream;
      const { awsPartnerEventSource: _aws, azurePartnerTopic: _azure, ...rest } = sink;
      return { ...stream, sink: rest };
    },
    deletable: true,
  },
  policy: [httpsSinks],
  localState: [{ field: 'logStreams', shape: 'list' }],
  localRoutes: () => logStreamRoutes,
});
