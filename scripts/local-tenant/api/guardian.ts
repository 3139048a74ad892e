import { GUARDIAN_FACTORS } from '../../tenant/schema/guardian';
import { invalidBody, notFound } from '../http/errors';
import { ok, type RequestContext, type Route } from '../http/router';
import { type BodySchema, validateBody } from '../http/validate';
import type { GuardianState, JsonObject } from '../state/types';
import { copy, type RouteList } from './common';
import { boolean, closedObject, nullable, oneOf, string, stringList } from './schemas/json';

const READ = 'read:guardian_factors';
const UPDATE = 'update:guardian_factors';

function listFactors({ store }: RequestContext) {
  return ok(
    GUARDIAN_FACTORS.map((name) => ({
      name,
      enabled: store.state.guardian.factors[name] === true,
      trial_expired: false,
    })),
  );
}

const FACTOR = closedObject({ enabled: boolean }, ['enabled']);

function setFactor({ store, params, body }: RequestContext) {
  const name = params.name ?? '';
  if (!(GUARDIAN_FACTORS as readonly string[]).includes(name)) {
    throw notFound(`The factor '${name}' does not exist`, 'inexistent_factor');
  }
  const fields = validateBody(body, FACTOR);
  store.state.guardian.factors[name] = fields.enabled === true;
  return ok({ enabled: fields.enabled });
}

const POLICIES = { type: 'array' };

function setPolicies({ store, body }: RequestContext) {
  const policies = validateBody<unknown[]>(body, POLICIES);
  for (const policy of policies) {
    if (policy !== 'all-applications' && policy !== 'confidence-score') {
      throw invalidBody(`'No enum match for: ${JSON.stringify(policy)}' on property policies.`);
    }
  }
  store.state.guardian.policies = [...new Set(policies as string[])];
  return ok(copy(store.state.guardian.policies));
}

/** A settings document read with GET and replaced with PUT (or merged with PATCH, where Auth0 offers it). */
function document(
  template: string,
  schema: BodySchema,
  slot: { get: (g: GuardianState) => JsonObject; set: (g: GuardianState, value: JsonObject) => void },
  methods: ('PUT' | 'PATCH')[] = ['PUT'],
): Route[] {
  return [
    {
      method: 'GET',
      template,
      scope: READ,
      handler: ({ store }) => ok(copy(slot.get(store.state.guardian))),
    },
    ...methods.map(
      (method): Route => ({
        method,
        template,
        scope: UPDATE,
        handler: ({ store, body }) => {
          const fields = copy(validateBody(body, schema));
          const guardian = store.state.guardian;
          slot.set(guardian, method === 'PATCH' ? { ...slot.get(guardian), ...fields } : fields);
          return ok(copy(slot.get(guardian)));
        },
      }),
    ),
  ];
}

const TEMPLATES = closedObject({ enrollment_message: string, verification_message: string });
const TWILIO = closedObject({
  from: nullable(string),
  messaging_service_sid: nullable(string),
  auth_token: nullable(string),
  sid: nullable(string),
});
const SNS = closedObject({
  aws_access_key_id: nullable(string),
  aws_secret_access_key: nullable(string),
  aws_region: nullable(string),
  sns_apns_platform_application_arn: nullable(string),
  sns_gcm_platform_application_arn: nullable(string),
});
const APNS = closedObject({ sandbox: boolean, bundle_id: nullable(string), p12: nullable(string) });

const templatesOf = (factor: string) => ({
  get: (g: GuardianState) => g.templates[factor] ?? { enrollment_message: '', verification_message: '' },
  set: (g: GuardianState, value: JsonObject) => {
    g.templates[factor] = value;
  },
});

const providerOf = (key: string) => ({
  get: (g: GuardianState) => g.providers[key] ?? {},
  set: (g: GuardianState, value: JsonObject) => {
    g.providers[key] = value;
  },
});

export const guardianPolicyRoutes: RouteList = [
  {
    method: 'GET',
    template: '/guardian/policies',
    scope: 'read:mfa_policies',
    handler: ({ store }) => ok(copy(store.state.guardian.policies)),
  },
  { method: 'PUT', template: '/guardian/policies', scope: 'update:mfa_policies', handler: setPolicies },
];

/** The factors, and the providers and templates deploy-cli's guardian handlers read and write with them. */
export const guardianFactorRoutes: RouteList = [
  { method: 'GET', template: '/guardian/factors', scope: READ, handler: listFactors },
  { method: 'PUT', template: '/guardian/factors/:name', scope: UPDATE, handler: setFactor },
  ...document(
    '/guardian/factors/phone/selected-provider',
    closedObject({ provider: oneOf(['auth0', 'twilio', 'phone-message-hook']) }, ['provider']),
    {
      get: (g) => g.phoneSelectedProvider,
      set: (g, value) => {
        g.phoneSelectedProvider = value;
      },
    },
  ),
  ...document(
    '/guardian/factors/phone/message-types',
    closedObject({ message_types: stringList }, ['message_types']),
    {
      get: (g) => g.phoneMessageTypes,
      set: (g, value) => {
        g.phoneMessageTypes = value;
      },
    },
  ),
  ...document('/guardian/factors/sms/templates', TEMPLATES, templatesOf('sms')),
  ...document('/guardian/factors/phone/templates', TEMPLATES, templatesOf('phone')),
  ...document('/guardian/factors/sms/providers/twilio', TWILIO, providerOf('sms/twilio')),
  ...document('/guardian/factors/phone/providers/twilio', TWILIO, providerOf('phone/twilio')),
  ...document('/guardian/factors/push-notification/providers/sns', SNS, providerOf('push-notification/sns'), [
    'PUT',
    'PATCH',
  ]),
  ...document(
    '/guardian/factors/push-notification/providers/apns',
    APNS,
    providerOf('push-notification/apns'),
    ['PUT', 'PATCH'],
  ),
];
