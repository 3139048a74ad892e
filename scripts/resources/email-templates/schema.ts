/**
 * An email template as `tenant.yaml` writes it, after the Management API's types (auth0 SDK:
 * CreateEmailTemplateRequestContent) and deploy-cli's handler: identified by `template`, its body an HTML
 * file beside tenant.yaml.
 */
import {
  boolean,
  closedObject,
  type JsonSchema,
  listOf,
  nonNegativeInteger,
  oneOfValues,
  text,
  url,
} from '../../tenant/schema/common';

/** The templates deploy-cli manages (its supportedTemplates, from constants.EMAIL_TEMPLATES_NAMES). */
export const EMAIL_TEMPLATE_NAMES = [
  'verify_email',
  'verify_email_by_code',
  'reset_email',
  'reset_email_by_code',
  'welcome_email',
  'blocked_account',
  'stolen_credentials',
  'enrollment_email',
  'change_password',
  'password_reset',
  'mfa_oob_code',
  'user_invitation',
  'async_approval',
];

export const emailTemplatesSchema: JsonSchema = listOf(
  closedObject(
    {
      template: oneOfValues(EMAIL_TEMPLATE_NAMES),
      body: { ...text, description: 'path of the HTML file, relative to tenant.yaml' },
      enabled: boolean,
      from: { ...text, description: 'sender address; empty for the email provider default_from_address' },
      subject: text,
      syntax: oneOfValues(['liquid']),
      resultUrl: url,
      urlLifetimeInSeconds: nonNegativeInteger,
      includeEmailInRedirect: boolean,
    },
    ['template', 'body'],
  ),
);
