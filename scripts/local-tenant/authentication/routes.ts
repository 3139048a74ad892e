/**
 * The Authentication API's routes the local tenant serves, in the order they are matched.
 */
import type { PublicRoute } from '../http/public-routes';
import { jwksDocument, openidConfiguration } from './discovery';
import { answerTokenRequest } from './token-endpoint';

export function authenticationRoutes(): PublicRoute[] {
  return [
    {
      method: 'GET',
      path: '/.well-known/openid-configuration',
      handle: ({ domain }) => ({ status: 200, json: openidConfiguration(domain) }),
    },
    {
      method: 'GET',
      path: '/.well-known/jwks.json',
      handle: ({ store }) => ({ status: 200, json: jwksDocument(store.state) }),
    },
    {
      method: 'POST',
      path: '/oauth/token',
      handle: ({ store, domain, body, headers }) => {
        const reply = answerTokenRequest(store.state, domain, body, headers.authorization);
        return { status: reply.status, json: reply.body };
      },
    },
  ];
}
