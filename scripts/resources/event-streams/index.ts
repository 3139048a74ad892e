/**
 * Event streams (`eventStreams:`): Auth0 pushes events about users, organizations and connections (a user
 * created, a member added) to a webhook, Amazon EventBridge or an Action. Identified by name, as
 * deploy-cli matches them. A webhook's password, bearer token or header value is a secret Auth0 never
 * answers a read with (the recordings show only the method), so it is written when it changes with
 * something else, or with --rewrite-secrets.
 */
import { asRecord, asString, entriesOf, nameOf } from '../../tenant/checks/read';
import { EVERYWHERE, type PolicyRule } from '../../tenant/policy/rule';
import { unencryptedDelivery } from '../../tenant/policy/urls';
import { byName, defineResource, type Rec } from '../define';
import { eventStreamRoutes } from './local-routes';
import { eventStreamsSchema } from './schema';

/**
 * A webhook receives events carrying users' profiles (emails, names, metadata) and its authorization:
 * https, in every tier. As for log streams, http to this machine's loopback is allowed outside
 * production (a local receiver): those bytes never leave the machine.
 */
export const httpsWebhooks: PolicyRule = {
  id: 'event-streams/https-webhook',
  summary: 'event stream webhooks are https (http only to 127.0.0.1, localhost, [::1], outside production)',
  hint: 'use the https:// address of the webhook',
  severity: EVERYWHERE,
  check(tenant, { tier }) {
    return entriesOf(tenant, 'eventStreams').flatMap((stream) => {
      const url = asString(asRecord(asRecord(stream.item.destination)?.configuration)?.webhook_endpoint);
      const failure = url === undefined ? undefined : unencryptedDelivery(url, tier);
      if (failure === undefined) return [];
      const loopback = failure === 'loopback';
      return [
        {
          pointer: `${stream.pointer}/destination/configuration/webhook_endpoint`,
          message: loopback
            ? `event stream "${nameOf(stream)}" sends production events to "${url}", this machine over http`
            : `event stream "${nameOf(stream)}" sends its events to "${url}", which is not https`,
          expected: 'an https:// URL',
          found: url,
        },
      ];
    });
  },
};

/** Leaves out what AWS provisioned for an EventBridge destination: state, not configuration. */
function withoutProvisioned(stream: Rec): Rec {
  const destination = asRecord(stream.destination);
  const configuration = asRecord(destination?.configuration);
  if (!destination || configuration?.aws_partner_event_source === undefined) return stream;
  const { aws_partner_event_source: _source, ...rest } = configuration;
  return { ...stream, destination: { ...destination, configuration: rest } };
}

const AUTHORIZATION = 'destination.configuration.webhook_authorization';

export const eventStreams = defineResource({
  key: 'eventStreams',
  shape: 'list',
  noun: 'event stream',
  identityField: 'name',
  calls: '`GET`/`POST /event-streams`, `PATCH`/`DELETE /event-streams/{id}`',
  scopes: {
    read: ['read:event_streams'],
    write: ['create:event_streams', 'update:event_streams'],
    remove: ['delete:event_streams'],
  },
  schema: eventStreamsSchema,
  identity: byName,
  references: [{ path: 'destination.configuration.action_id', to: 'actions' }],
  after: ['actions'],
  secrets: [
    { path: `${AUTHORIZATION}.password`, returned: false, sensitive: 'always' },
    { path: `${AUTHORIZATION}.token`, returned: false, sensitive: 'always' },
    { path: `${AUTHORIZATION}.header_value`, returned: false, sensitive: 'always' },
  ],
  compare: { normalize: withoutProvisioned, deletable: true },
  policy: [httpsWebhooks],
  localState: [{ field: 'eventStreams', shape: 'list' }],
  localRoutes: () => eventStreamRoutes,
});
