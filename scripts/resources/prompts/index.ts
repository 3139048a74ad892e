/**
 * Universal Login's prompts (`prompts:`): the login experience, identifier first, passkeys as a first
 * factor, custom text by language and prompt, and partials (HTML inserted into a prompt's screens).
 *
 * deploy-cli reads the custom text of every prompt in every language the tenant has enabled
 * (`tenant.enabled_locales`) and the partials of every prompt that takes them; the plan compares only
 * what the file declares, field by field, so text the file does not mention is left alone (a deploy
 * writes a prompt's text in a language only when the file has it). Custom text in a language the tenant
 * has not enabled is never read back: the check refuses it when the file sets `enabled_locales`.
 *
 * Not managed: `screenRenderers` (Advanced Customizations for Universal Login). deploy-cli's YAML names a
 * JSON file per screen that its parser reads from disk by itself, outside the build's files, and every
 * renderer needs a custom domain and ACUL; the read still lists them, and the plan ignores them.
 */
import { defineResource, singletonIdentity } from '../define';
import { promptRoutes } from './local-routes';
import { enabledLanguages } from './policy';
import { promptsSchema } from './schema';

export const prompts = defineResource({
  key: 'prompts',
  shape: 'singleton',
  noun: 'prompts',
  calls:
    '`GET`/`PATCH /prompts`, `GET`/`PUT /prompts/{prompt}/custom-text/{language}`, `GET`/`PUT /prompts/{prompt}/partials`, `GET /prompts/rendering`, `GET /tenants/settings` (enabled languages)',
  scopes: { read: ['read:prompts', 'read:tenant_settings'], write: ['update:prompts'], remove: [] },
  schema: promptsSchema,
  identity: singletonIdentity('prompts'),
  codeFields: ['partials.*.*.*'],
  compare: { deletable: false },
  // deploy-cli writes the settings, the custom text and the partials with calls of their own.
  writtenInParts: true,
  policy: [enabledLanguages],
  after: ['tenant'],
  localState: [{ field: 'prompts', shape: 'object' }],
  localRoutes: () => promptRoutes,
});
