/**
 * The local tenant's /email-templates, as the recordings show Auth0 answering: no list, a template read,
 * patched or replaced by its name, a read or patch of a template the tenant never had answered 404 (which
 * is how deploy-cli learns to create it), and a create of one it has refused.
 */

import { itemsIn } from '../../local-tenant/api/collection';
import { copy } from '../../local-tenant/api/common';
import {
  boolean,
  closedObject,
  number,
  oneOf,
  string,
  updateBody,
} from '../../local-tenant/api/schemas/json';
import { conflict, notFound } from '../../local-tenant/http/errors';
import { ok, type RequestContext, type Route } from '../../local-tenant/http/router';
import { validateBody } from '../../local-tenant/http/validate';
import type { JsonObject } from '../../local-tenant/state/types';
import { EMAIL_TEMPLATE_NAMES } from './schema';

const FIELDS = {
  template: oneOf(EMAIL_TEMPLATE_NAMES),
  body: string,
  from: string,
  resultUrl: string,
  subject: string,
  syntax: oneOf(['liquid']),
  urlLifetimeInSeconds: number,
  includeEmailInRedirect: boolean,
  enabled: boolean,
};
// Auth0's API explorer marks these required on a create and on a PUT, which replaces the template.
const REQUIRED = ['template', 'body', 'from', 'subject', 'syntax', 'enabled'];
const CREATE = closedObject(FIELDS, REQUIRED);
const PATCH = updateBody(CREATE, {});

const READ = 'read:email_templates';
const CREATE_SCOPE = 'create:email_templates';
const UPDATE = 'update:email_templates';

const missing = () => notFound('The template does not exist.', 'inexistent_email_template');

const templatesOf = ({ store }: RequestContext): JsonObject[] => itemsIn(store.state, 'emailTemplates');

function named(ctx: RequestContext): JsonObject {
  const template = templatesOf(ctx).find((item) => item.template === ctx.params.templateName);
  if (!template) throw missing();
  return template;
}

function create(ctx: RequestContext) {
  const fields = validateBody<JsonObject>(ctx.body, CREATE);
  if (templatesOf(ctx).some((item) => item.template === fields.template)) {
    throw conflict(`Template ${String(fields.template)} already exists.`);
  }
  templatesOf(ctx).push(copy(fields));
  return ok(copy(fields));
}

/** PATCH merges; PUT replaces the whole template (and so needs every required field). Neither creates one. */
function update(replace: boolean) {
  return (ctx: RequestContext) => {
    const name = ctx.params.templateName ?? '';
    const fields = validateBody<JsonObject>(ctx.body, replace ? CREATE : PATCH);
    if (fields.template !== undefined && fields.template !== name) {
      throw conflict(`The template name in the body (${String(fields.template)}) is not ${name}.`);
    }
    const existing = named(ctx);
    const next = { ...(replace ? {} : existing), ...fields, template: name };
    const list = templatesOf(ctx);
    list[list.indexOf(existing)] = next;
    return ok(copy(next));
  };
}

export const emailTemplateRoutes: Route[] = [
  {
    method: 'GET',
    template: '/email-templates/:templateName',
    scope: READ,
    handler: (ctx) => ok(copy(named(ctx))),
  },
  { method: 'POST', template: '/email-templates', scope: CREATE_SCOPE, handler: create },
  { method: 'PATCH', template: '/email-templates/:templateName', scope: UPDATE, handler: update(false) },
  { method: 'PUT', template: '/email-templates/:templateName', scope: UPDATE, handler: update(true) },
];
