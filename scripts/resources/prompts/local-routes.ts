/**
 * The local tenant's /prompts: the Universal Login settings (GET/PATCH), custom text per prompt and
 * language and partials per prompt (GET/PUT, a PUT replacing what the prompt had; `{}` while nothing is
 * set, as the recordings answer), and the screen renderers list deploy-cli reads (always empty here:
 * the local tenant has no Advanced Customizations). A prompt or language Auth0 does not have is refused
 * as a path validation error, in the form deploy-cli's handler quotes from Auth0.
 */

import { copy, type RouteList } from '../../local-tenant/api/common';
import { boolean, closedObject, object, oneOf } from '../../local-tenant/api/schemas/json';
import { ApiError } from '../../local-tenant/http/errors';
import { pageOf } from '../../local-tenant/http/paging';
import { ok, type RequestContext, type Route } from '../../local-tenant/http/router';
import { validateBody } from '../../local-tenant/http/validate';
import type { JsonObject, PromptsState, TenantState } from '../../local-tenant/state/types';
import { CUSTOM_TEXT_PROMPTS, LANGUAGES, PARTIAL_PROMPTS } from './schema';

const SCOPES = { read: 'read:prompts', update: 'update:prompts' };

/** Auth0's own lists (the SDK's PromptGroupNameEnum, PromptLanguageEnum, PartialGroupsEnum): a little wider than deploy-cli's. */
const AUTH0_PROMPTS = [...CUSTOM_TEXT_PROMPTS, 'async-approval-flow', 'confirmation'];
const AUTH0_LANGUAGES = [...LANGUAGES, 'zh-MO'];
const AUTH0_PARTIAL_PROMPTS = [...PARTIAL_PROMPTS, 'customized-consent', 'confirmation'];

/** What a tenant that never changed its prompts answers (the recordings show no other field). */
const INITIAL_SETTINGS = { universal_login_experience: 'new', identifier_first: false };

const SCREENS_BODY = { type: 'object', additionalProperties: object };

const SETTINGS_UPDATE = closedObject({
  universal_login_experience: oneOf(['new', 'classic']),
  identifier_first: boolean,
  webauthn_platform_first_factor: boolean,
});

function pathParameter(value: string | undefined, allowed: readonly string[], property: string): string {
  if (value !== undefined && allowed.includes(value)) return value;
  throw new ApiError(
    400,
    `Path validation error: 'Invalid value "${value}"' on property ${property}.`,
    'invalid_uri',
  );
}

const promptOf = (ctx: RequestContext, allowed: readonly string[]) =>
  pathParameter(ctx.params.prompt, allowed, 'prompt (Name of the prompt)');
/** The prompt and language of a custom-text path, both checked. */
const customTextOf = (ctx: RequestContext) => ({
  prompt: promptOf(ctx, AUTH0_PROMPTS),
  language: pathParameter(ctx.params.language, AUTH0_LANGUAGES, 'language (Language to update)'),
});

function prompts(state: TenantState): PromptsState {
  if (!state.prompts) state.prompts = {};
  return state.prompts;
}

const settingsOf = (state: TenantState): JsonObject => ({
  ...INITIAL_SETTINGS,
  ...copy(prompts(state).settings ?? {}),
});

/** A PUT's body: a mapping of screens, each a mapping (of texts, or of insertion points). */
const screensBody = (body: unknown): JsonObject => copy(validateBody<JsonObject>(body, SCREENS_BODY));

export const promptRoutes: RouteList = [
  {
    method: 'GET',
    template: '/prompts',
    scope: SCOPES.read,
    handler: ({ store }) => ok(settingsOf(store.state)),
  },
  {
    method: 'PATCH',
    template: '/prompts',
    scope: SCOPES.update,
    handler: ({ store, body }) => {
      const fields = validateBody(body, SETTINGS_UPDATE);
      prompts(store.state).settings = { ...settingsOf(store.state), ...copy(fields) };
      return ok(settingsOf(store.state));
    },
  },
  {
    method: 'GET',
    template: '/prompts/:prompt/custom-text/:language',
    scope: SCOPES.read,
    handler: (ctx) => {
      const { prompt, language } = customTextOf(ctx);
      return ok(copy(prompts(ctx.store.state).customText?.[prompt]?.[language] ?? {}));
    },
  },
  {
    method: 'PUT',
    template: '/prompts/:prompt/custom-text/:language',
    scope: SCOPES.update,
    handler: (ctx) => {
      const { prompt, language } = customTextOf(ctx);
      const state = prompts(ctx.store.state);
      const text = screensBody(ctx.body);
      state.customText = {
        ...state.customText,
        [prompt]: { ...state.customText?.[prompt], [language]: text },
      };
      return ok(copy(text));
    },
  },
  {
    method: 'GET',
    template: '/prompts/:prompt/partials',
    scope: SCOPES.read,
    handler: (ctx) =>
      ok(copy(prompts(ctx.store.state).partials?.[promptOf(ctx, AUTH0_PARTIAL_PROMPTS)] ?? {})),
  },
  {
    method: 'PUT',
    template: '/prompts/:prompt/partials',
    scope: SCOPES.update,
    handler: (ctx) => {
      const prompt = promptOf(ctx, AUTH0_PARTIAL_PROMPTS);
      const state = prompts(ctx.store.state);
      const partials = screensBody(ctx.body);
      state.partials = { ...state.partials, [prompt]: partials };
      return ok(copy(partials));
    },
  },
  {
    method: 'GET',
    template: '/prompts/rendering',
    scope: SCOPES.read,
    handler: ({ query }) => ok(pageOf([], 'configs', query)),
  },
] satisfies Route[];
