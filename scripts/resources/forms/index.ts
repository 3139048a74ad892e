/**
 * Forms (`forms:`): the steps Auth0 shows a user in the middle of a login (a profile to complete, a
 * consent to give), each a graph of nodes from `start` to `ending`. Identified by name, as deploy-cli
 * matches them. tenant.yaml names the form and its JSON file (`body`); deploy-cli's import spreads the
 * parsed file into the form, so the plan compares the file's fields with what Auth0 reads back. Auth0's
 * timestamps and counters are its state, not configuration. No secrets: a form holds text and layout.
 */
import { byName, defineResource, type Rec } from '../define';
import { formRoutes } from './local-routes';
import { formsSchema } from './schema';

/** What Auth0 records about a form rather than what it is configured to be. */
const FORM_STATE = ['created_at', 'updated_at', 'submitted_at', 'embedded_at', 'flow_count'];

function withoutState(form: Rec): Rec {
  return Object.fromEntries(Object.entries(form).filter(([key]) => !FORM_STATE.includes(key)));
}

export const forms = defineResource({
  key: 'forms',
  shape: 'list',
  noun: 'form',
  identityField: 'name',
  calls: '`GET`/`POST /forms`, `GET`/`PATCH`/`DELETE /forms/{id}`, `GET /flows`',
  scopes: {
    read: ['read:forms', 'read:flows'],
    write: ['create:forms', 'update:forms'],
    remove: ['delete:forms'],
  },
  schema: formsSchema,
  identity: byName,
  files: [{ path: 'body', what: 'body', format: 'json' }],
  compare: {
    // `nodes` is a set (nodes point at each other by id); inside a node, lists compare in order.
    normalize: withoutState,
    deletable: true,
  },
  localState: [{ field: 'forms', shape: 'list' }],
  localRoutes: () => formRoutes,
});
