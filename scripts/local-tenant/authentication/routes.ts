/**
 * The Authentication API's routes the local tenant serves, in the order they are matched: discovery,
 * the token endpoint, `/authorize` and the login pages and their form endpoints (which a headless
 * client posts to the same way), the social callback, `/userinfo`, logout and revocation.
 */
import type { PublicReply, PublicRequest, PublicRoute } from '../http/public-routes';
import { BruteForceCounter } from './brute-force';
import { answerUserGrant } from './code-grant';
import type { LoginServices } from './contract';
import { jwksDocument, openidConfiguration } from './discovery';
import { type LoginFlow, type LoginStep, loginRequestOf } from './login-context';
import type { LoginTraces } from './login-traces';
import { beginAuthorize, showLoginPage, submitLogin } from './password-login';
import { continueFlow, submitOneTimeCode } from './post-login';
import { answerLogout, answerRevoke, answerUserinfo } from './session-endpoints';
import { LoginSessions } from './sessions';
import { submitSignup } from './signup';
import { finishSocialLogin, startSocialLogin } from './social-login';
import { answerTokenRequest } from './token-endpoint';

/** `traces`: where the flow records what each login's Actions did (`GET /__local/logins` reads it). */
export function authenticationRoutes(
  services: LoginServices,
  traces: LoginTraces,
  sessions = new LoginSessions(),
): PublicRoute[] {
  const flow: LoginFlow = {
    sessions,
    services,
    bruteForce: new BruteForceCounter(),
    traces,
  };
  /** A login step's route: the step sees the flow, the request and the tenant as it is now. */
  const step = (
    method: 'GET' | 'POST',
    path: string,
    handle: (step: LoginStep) => PublicReply | Promise<PublicReply>,
  ): PublicRoute => ({
    method,
    path,
    handle: (request: PublicRequest) => handle({ flow, request, state: request.store.state }),
  });
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
      handle: async (request) => {
        const { store, domain, body, headers } = request;
        const context = { state: store.state, domain, sessions, services, request: loginRequestOf(request) };
        const reply =
          (await answerUserGrant(context, body, headers.authorization)) ??
          answerTokenRequest(store.state, domain, body, headers.authorization);
        // A refresh's Actions may have changed the user's metadata.
        if (reply.status === 200) store.save();
        return { status: reply.status, json: reply.body };
      },
    },
    step('GET', '/authorize', beginAuthorize),
    step('GET', '/u/login', (current) => showLoginPage(current, 'login')),
    step('POST', '/u/login', submitLogin),
    step('GET', '/u/signup', (current) => showLoginPage(current, 'signup')),
    step('POST', '/u/signup', submitSignup),
    step('POST', '/u/mfa-otp', submitOneTimeCode),
    step('GET', '/continue', continueFlow),
    step('GET', '/u/social', startSocialLogin),
    step('GET', '/login/callback', finishSocialLogin),
    { method: 'GET', path: '/userinfo', handle: answerUserinfo },
    { method: 'GET', path: '/v2/logout', handle: (request) => answerLogout(request, services) },
    { method: 'POST', path: '/oauth/revoke', handle: (request) => answerRevoke(request, services) },
  ];
}
