/**
 * A log stream as `tenant.yaml` writes it, after the Management API's types (auth0 SDK: CreateLogStream*
 * RequestBody and LogStream*Sink): the sink's fields depend on its `type`, so each type's sink is its own
 * closed object. `awsPartnerEventSource` and `azurePartnerTopic` are what Auth0 provisioned: an export has
 * them, deploy-cli never writes them, and the plan does not compare them.
 */
import {
  boolean,
  closedObject,
  type JsonSchema,
  listOf,
  nonEmptyText,
  oneOfValues,
  text,
} from '../../tenant/schema/common';

export const EVENTBRIDGE_REGIONS = [
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
  'sa-east-1',
  'us-gov-east-1',
  'us-gov-west-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
];
const EVENTGRID_REGIONS = [
  'australiacentral',
  'australiaeast',
  'australiasoutheast',
  'brazilsouth',
  'canadacentral',
  'canadaeast',
  'centralindia',
  'centralus',
  'eastasia',
  'eastus',
  'eastus2',
  'francecentral',
  'germanywestcentral',
  'japaneast',
  'japanwest',
  'koreacentral',
  'koreasouth',
  'northcentralus',
  'northeurope',
  'norwayeast',
  'southafricanorth',
  'southcentralus',
  'southeastasia',
  'southindia',
  'swedencentral',
  'switzerlandnorth',
  'uaenorth',
  'uksouth',
  'ukwest',
  'westcentralus',
  'westeurope',
  'westindia',
  'westus',
  'westus2',
];

/** Each sink type's fields, and which of them Auth0 requires. */
export const SINKS: Record<string, JsonSchema> = {
  http: closedObject(
    {
      httpEndpoint: nonEmptyText,
      httpAuthorization: text,
      httpContentFormat: oneOfValues(['JSONARRAY', 'JSONLINES', 'JSONOBJECT']),
      httpContentType: text,
      httpCustomHeaders: listOf(closedObject({ header: nonEmptyText, value: text }, ['header', 'value'])),
    },
    ['httpEndpoint'],
  ),
  datadog: closedObject(
    { datadogApiKey: nonEmptyText, datadogRegion: oneOfValues(['us', 'eu', 'us3', 'us5']) },
    ['datadogApiKey', 'datadogRegion'],
  ),
  splunk: closedObject(
    {
      splunkDomain: nonEmptyText,
      splunkPort: nonEmptyText,
      splunkToken: nonEmptyText,
      splunkSecure: boolean,
    },
    ['splunkDomain', 'splunkPort', 'splunkToken', 'splunkSecure'],
  ),
  sumo: closedObject({ sumoSourceAddress: nonEmptyText }, ['sumoSourceAddress']),
  eventbridge: closedObject(
    { awsAccountId: nonEmptyText, awsRegion: oneOfValues(EVENTBRIDGE_REGIONS), awsPartnerEventSource: text },
    ['awsAccountId', 'awsRegion'],
  ),
  eventgrid: closedObject(
    {
      azureSubscriptionId: nonEmptyText,
      azureRegion: oneOfValues(EVENTGRID_REGIONS),
      azureResourceGroup: nonEmptyText,
      azurePartnerTopic: text,
    },
    ['azureSubscriptionId', 'azureRegion', 'azureResourceGroup'],
  ),
  mixpanel: closedObject(
    {
      mixpanelRegion: oneOfValues(['us', 'eu']),
      mixpanelProjectId: nonEmptyText,
      mixpanelServiceAccountUsername: nonEmptyText,
      mixpanelServiceAccountPassword: nonEmptyText,
    },
    [
      'mixpanelRegion',
      'mixpanelProjectId',
      'mixpanelServiceAccountUsername',
      'mixpanelServiceAccountPassword',
    ],
  ),
  segment: closedObject({ segmentWriteKey: nonEmptyText }, ['segmentWriteKey']),
};

export const LOG_STREAM_TYPES = Object.keys(SINKS);

/** The event categories a stream can be limited to (LogStreamFilterGroupNameEnum). */
export const FILTER_CATEGORIES = [
  'auth.login.fail',
  'auth.login.notification',
  'auth.login.success',
  'auth.logout.fail',
  'auth.logout.success',
  'auth.signup.fail',
  'auth.signup.success',
  'auth.silent_auth.fail',
  'auth.silent_auth.success',
  'auth.token_exchange.fail',
  'auth.token_exchange.success',
  'management.fail',
  'management.success',
  'scim.event',
  'system.notification',
  'user.fail',
  'user.notification',
  'user.success',
  'actions',
  'other',
];

const logStreamSchema: JsonSchema = {
  ...closedObject(
    {
      name: nonEmptyText,
      type: oneOfValues(LOG_STREAM_TYPES),
      status: oneOfValues(['active', 'paused']),
      isPriority: boolean,
      filters: listOf(
        closedObject({ type: oneOfValues(['category']), name: oneOfValues(FILTER_CATEGORIES) }, [
          'type',
          'name',
        ]),
        { uniqueItems: true },
      ),
      pii_config: closedObject(
        {
          log_fields: listOf(
            oneOfValues(['first_name', 'last_name', 'username', 'email', 'phone', 'address']),
            {
              uniqueItems: true,
            },
          ),
          method: oneOfValues(['mask', 'hash']),
          algorithm: oneOfValues(['xxhash']),
        },
        ['log_fields'],
      ),
      sink: { type: 'object' },
      startFrom: text,
    },
    ['name', 'type', 'sink'],
  ),
  // The sink's own fields, by the stream's type.
  allOf: Object.entries(SINKS).map(([type, sink]) => ({
    if: { properties: { type: { const: type } }, required: ['type'] },
    // biome-ignore lint/suspicious/noThenProperty: `then` is JSON Schema's keyword, not a promise.
    then: { properties: { sink } },
  })),
};

export const logStreamsSchema: JsonSchema = listOf(logStreamSchema);
