import { GUARDIAN_FACTORS } from '../../tenant/schema/guardian';
import { invalidBody, notFound } from '../http/errors';
import { ok, type RequestContext } from '../http/router';
import { type BodySchema, validateBody } from '../http/validate';
import { copy, type RouteList } from './common';
import { boolean, closedObject, nullable, oneOf, string, stringList } from './schemas/json';
import { type SingletonDeclaration, singletonRoutes } from './singleton';

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

/**
 * A factor's setting below `/guardian/factors/`, kept at `guardian.<at>` in the state: read with GET and
 * replaced with PUT (or merged with PATCH, where Auth0 offers it).
 */
const factorSetting = (
  path: string,
  at: string,
  schema: BodySchema,
  more: Partial<SingletonDeclaration> = {},
) =>
  singletonRoutes({
    path: `/guardian/factors/${path}`,
    scopes: { read: READ, update: UPDATE },
    at: `guardian.${at}`,
    schema,
    methods: ['PUT'],
    ...more,
  });

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

const NO_TEMPLATES = { initial: { enrollment_message: '', verification_message: '' } };
const NO_PROVIDER = { initial: {} };
const PUT_OR_PATCH = { ...NO_PROVIDER, methods: ['PUT', 'PATCH'] } as const;

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
  ...factorSetting(
    'phone/selected-provider',
    'phoneSelectedProvider',
    closedObject({ provider: oneOf(['auth0', 'twilio', 'phone-message-hook']) }, ['provider']),
  ),
  ...factorSetting(
    'phone/message-types',
    'phoneMessageTypes',
    closedObject({ message_types: stringList }, ['message_types']),
  ),
  ...factorSetting('sms/templates', 'templates.sms', TEMPLATES, NO_TEMPLATES),
  ...factorSetting('phone/templates', 'templates.phone', TEMPLATES, NO_TEMPLATES),
  ...factorSetting('sms/providers/twilio', 'providers.sms/twilio', TWILIO, NO_PROVIDER),
  ...factorSetting('phone/providers/twilio', 'providers.phone/twilio', TWILIO, NO_PROVIDER),
  ...factorSetting('push-notification/providers/sns', 'providers.push-notification/sns', SNS, PUT_OR_PATCH),
  ...factorSetting(
    'push-notification/providers/apns',
    'providers.push-notification/apns',
    APNS,
    PUT_OR_PATCH,
  ),
];
