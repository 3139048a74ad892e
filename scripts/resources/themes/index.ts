/**
 * The Universal Login theme (`themes:`): the no-code editor's colours, fonts, borders, page background
 * and widget, at most one per tenant. deploy-cli writes the first theme of the file over whatever theme
 * the tenant has, so the theme is the tenant's one theme whatever its display name, and a rename is an
 * update. The theme's id is Auth0's, never written in the file.
 */
import { defineResource, type Rec } from '../define';
import { themeRoutes } from './local-routes';
import { themesSchema } from './schema';

function withoutId(theme: Rec): Rec {
  const { themeId: _id, ...rest } = theme;
  return rest;
}

export const themes = defineResource({
  key: 'themes',
  shape: 'list',
  noun: 'theme',
  calls: '`GET /branding/themes/default`, `POST /branding/themes`, `PATCH /branding/themes/{id}`',
  scopes: { read: ['read:branding'], write: ['create:branding', 'update:branding'], remove: [] },
  schema: themesSchema,
  identity: () => 'theme',
  compare: { normalize: withoutId, deletable: false },
  localState: [{ field: 'themes', shape: 'list' }],
  localRoutes: () => themeRoutes,
});
