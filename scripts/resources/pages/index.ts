/**
 * Hosted pages (`pages:`): the classic login page, the password reset page, the Guardian MFA page and the
 * error page, each an HTML file beside tenant.yaml. deploy-cli writes the login page onto the tenant's
 * global client (`custom_login_page`) and the others into tenant settings (`change_password`,
 * `guardian_mfa_page`, `error_page`); it never deletes one, so a page the file leaves out keeps its state.
 */
import {
  boolean,
  closedObject,
  type JsonSchema,
  listOf,
  oneOfValues,
  text,
  url,
} from '../../tenant/schema/common';
import { byName, defineResource, type Rec } from '../define';

/** deploy-cli's page names (constants.PAGE_NAMES) and where each lives in Auth0. */
export const PAGE_NAMES = ['login', 'password_reset', 'guardian_multifactor', 'error_page'] as const;

const html: JsonSchema = { ...text, description: 'path of the HTML file, relative to tenant.yaml' };

/** Each page's own fields: the error page has no `enabled`; the others have no URL to redirect to. */
const FIELDS: Record<
  (typeof PAGE_NAMES)[number],
  { properties: Record<string, JsonSchema>; required: string[] }
> = {
  login: { properties: { enabled: boolean, html }, required: ['html'] },
  password_reset: { properties: { enabled: boolean, html }, required: ['html'] },
  guardian_multifactor: { properties: { enabled: boolean, html }, required: ['html'] },
  // Auth0's own page with a log link, your HTML, or a redirect to your URL.
  error_page: { properties: { html, show_log_link: boolean, url }, required: [] },
};

const pagesSchema = listOf({
  type: 'object',
  required: ['name'],
  properties: { name: oneOfValues(PAGE_NAMES) },
  allOf: Object.entries(FIELDS).map(([name, { properties, required }]) => ({
    if: { properties: { name: { const: name } }, required: ['name'] },
    // biome-ignore lint/suspicious/noThenProperty: `then` is JSON Schema's keyword, not a promise.
    then: closedObject({ name: text, ...properties }, required),
  })),
});

/** deploy-cli fills in `html: ''` for a page without HTML; an export leaves it out. */
function withoutEmptyHtml(item: Rec): Rec {
  if (item.html !== '') return item;
  const { html: _html, ...rest } = item;
  return rest;
}

export const pages = defineResource({
  key: 'pages',
  shape: 'list',
  noun: 'page',
  identityField: 'name',
  calls:
    '`GET /clients?is_global=true`, `PATCH /clients/{global client id}` (login), `GET`/`PATCH /tenants/settings` (the others)',
  scopes: {
    read: ['read:clients', 'read:tenant_settings'],
    write: ['update:clients', 'update:tenant_settings'],
    remove: [],
  },
  schema: pagesSchema,
  identity: byName,
  files: [{ path: 'html', what: 'HTML' }],
  codeFields: ['html'],
  compare: { normalize: withoutEmptyHtml, deletable: false },
  after: ['tenant', 'clients'],
  localState: [],
  servedBy: ['clients', 'tenant'],
});
