/**
 * The local tenant's /branding/themes, as the recordings show Auth0 answering: the tenant's one theme read
 * as `default` (404 `theme_not_found` while it has none), created once, replaced whole and deleted by id.
 */

import { randomBytes } from 'node:crypto';
import { collectionRoutes, itemsIn } from '../../local-tenant/api/collection';
import { copy, scopes } from '../../local-tenant/api/common';
import { closedObject, object, string } from '../../local-tenant/api/schemas/json';
import { conflict, notFound } from '../../local-tenant/http/errors';
import { ok, type RequestContext, type Route } from '../../local-tenant/http/router';

const PARTS = ['borders', 'colors', 'fonts', 'page_background', 'widget'];
const THEME = closedObject(
  { displayName: string, identifiers: object, ...Object.fromEntries(PARTS.map((part) => [part, object])) },
  PARTS,
);

const NOT_FOUND = {
  message: 'There was an error retrieving branding settings: invalid theme ID',
  errorCode: 'theme_not_found',
};

const byId = collectionRoutes({
  path: '/branding/themes',
  field: 'themes',
  id: { field: 'themeId', generate: () => randomBytes(16).toString('hex') },
  scopes: scopes('branding'),
  // Auth0 takes a theme whole on an update too.
  schemas: { create: THEME, update: THEME },
  notFound: NOT_FOUND,
  list: { key: 'themes', paging: 'none' },
  check: (_fields, state, existing) => {
    if (!existing && itemsIn(state, 'themes').length > 0) {
      throw conflict('There is already a theme for this tenant: update it instead.');
    }
  },
  prepare: (fields, _state, existing) => (existing ? { themeId: existing.themeId, ...fields } : fields),
  created: (theme) => ok(theme),
});

function defaultTheme(ctx: RequestContext) {
  const [theme] = itemsIn(ctx.store.state, 'themes');
  if (!theme) throw notFound(NOT_FOUND.message, NOT_FOUND.errorCode);
  return ok(copy(theme));
}

/** Auth0 has no list of themes: only the default, and each by its id. */
export const themeRoutes: Route[] = [
  { method: 'GET', template: '/branding/themes/default', scope: 'read:branding', handler: defaultTheme },
  // deploy-cli deletes a theme only when the file empties the section, which the plan does not offer.
  ...byId.filter(
    (route) =>
      route.method !== 'DELETE' && !(route.method === 'GET' && route.template === '/branding/themes'),
  ),
];
