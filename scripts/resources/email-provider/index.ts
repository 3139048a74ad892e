/**
 * The email provider (`emailProvider:`): the service the tenant sends its emails through (SendGrid, SES,
 * SMTP, ...). One per tenant, or none: `emailProvider: {}` says the tenant has none, so it plans as the
 * delete of the provider the tenant has (applied, like every delete, only with --allow-delete and within
 * the plan the deploy showed). deploy-cli 8.44 answers `{}` by writing the provider back as it read it;
 * our engine deletes it with DELETE /emails/provider instead (engine-child.ts).
 *
 * Credentials: Auth0 never returns the keys, passwords and connection strings (nor the Mailgun domain and
 * the Microsoft 365 tenant and client ids), and the provider has no field to record a fingerprint in, so
 * the plan cannot tell whether they changed: it notes them as not compared, and a deploy writes them
 * whenever anything else of the provider changes (deploy-cli sends the whole provider). What a read does
 * return (region, SMTP host, port and user) is compared.
 */
import { defineResource, singletonIdentity } from '../define';
import { emailProviderRoutes } from './local-routes';
import { credentialPaths, emailProviderSchema } from './schema';

export const emailProvider = defineResource({
  key: 'emailProvider',
  shape: 'singleton',
  noun: 'email provider',
  calls: '`GET`/`POST`/`PATCH /emails/provider`; `DELETE /emails/provider` for `emailProvider: {}`',
  scopes: {
    read: ['read:email_provider'],
    write: ['create:email_provider', 'update:email_provider'],
    remove: ['delete:email_provider'],
  },
  schema: emailProviderSchema,
  identity: singletonIdentity('emailProvider'),
  secrets: credentialPaths().map((secret) => ({ ...secret, label: 'email provider credential' })),
  compare: { deletable: true, emptyIsNone: true },
  localState: [{ field: 'emailProvider', shape: 'object' }],
  localRoutes: () => emailProviderRoutes,
});
