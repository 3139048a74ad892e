/** The login's forms: each posts form-encoded to an endpoint a headless client can use the same way. */

import { escapeHtml } from '../../http/html';
import type { PublicReply } from '../../http/public-routes';
import type { JsonObject } from '../../state/types';
import type { LoginSession } from '../sessions';
import { errorLine, hidden, renderPage } from './layout';

export interface FormContext {
  branding: JsonObject;
  session: LoginSession;
  /** The database connections the client may use; the first is chosen unless the user picks another. */
  databases: JsonObject[];
  socials: JsonObject[];
  error?: string;
  email?: string;
  status?: number;
}

const transactionFields = (session: LoginSession): string =>
  hidden('state', session.transaction.id) + hidden('csrf', session.csrf);

function connectionField(databases: JsonObject[], chosen?: string): string {
  if (databases.length === 1) return hidden('connection', String(databases[0]?.name));
  const options = databases
    .map((db) => {
      const name = String(db.name);
      return `<option value="${escapeHtml(name)}"${name === chosen ? ' selected' : ''}>${escapeHtml(name)}</option>`;
    })
    .join('');
  return `<label for="connection">Connection</label><select id="connection" name="connection">${options}</select>`;
}

const credentialFields = (email: string | undefined, autocomplete: string): string =>
  `<label for="email">Email address</label><input id="email" name="email" type="email" required autocomplete="username" value="${escapeHtml(email ?? '')}">
<label for="password">Password</label><input id="password" name="password" type="password" required autocomplete="${autocomplete}">`;

export function loginPage(context: FormContext): PublicReply {
  const { session } = context;
  const socials = context.socials
    .map(
      (social) =>
        `<a class="social" href="/u/social?state=${encodeURIComponent(session.transaction.id)}&amp;connection=${encodeURIComponent(String(social.name))}">Continue with ${escapeHtml(social.name)}</a>`,
    )
    .join('\n');
  const signup = context.databases.some(
    (db) => (db.options as JsonObject | undefined)?.disable_signup !== true,
  )
    ? `<p><a href="/u/signup?state=${encodeURIComponent(session.transaction.id)}">Sign up</a></p>`
    : '';
  const body = `${errorLine(context.error)}
<form method="post" action="/u/login">${transactionFields(session)}${connectionField(context.databases, session.transaction.connection)}
${credentialFields(context.email, 'current-password')}
<button type="submit">Continue</button></form>
${socials}${signup}`;
  return renderPage(context.branding, {
    title: 'Log in',
    body,
    ...(context.status ? { status: context.status } : {}),
  });
}

export function signupPage(context: FormContext): PublicReply {
  const body = `${errorLine(context.error)}
<form method="post" action="/u/signup">${transactionFields(context.session)}${connectionField(context.databases, context.session.transaction.connection)}
${credentialFields(context.email, 'new-password')}
<button type="submit">Sign up</button></form>
<p><a href="/u/login?state=${encodeURIComponent(context.session.transaction.id)}">Log in</a></p>`;
  return renderPage(context.branding, {
    title: 'Sign up',
    body,
    ...(context.status ? { status: context.status } : {}),
  });
}

const codeField = `<label for="code">One-time code</label><input id="code" name="code" inputmode="numeric" pattern="[0-9]{6}" autocomplete="one-time-code" required>`;

/** Enrollment: the secret as base32 and as the otpauth URI an authenticator app reads (typed or pasted). */
export function mfaEnrollPage(
  branding: JsonObject,
  session: LoginSession,
  secret: string,
  uri: string,
  error?: string,
): PublicReply {
  const body = `${errorLine(error)}
<p>Add this account to your authenticator app, then enter the code it shows.</p>
<p>Secret: <span class="secret" data-totp-secret>${escapeHtml(secret)}</span></p>
<p>URI: <span class="secret" data-otpauth-uri>${escapeHtml(uri)}</span></p>
<form method="post" action="/u/mfa-otp">${transactionFields(session)}${codeField}<button type="submit">Continue</button></form>`;
  return renderPage(branding, { title: 'Secure your account', body, ...(error ? { status: 400 } : {}) });
}

export function mfaChallengePage(branding: JsonObject, session: LoginSession, error?: string): PublicReply {
  const body = `${errorLine(error)}
<p>Enter the code your authenticator app shows.</p>
<form method="post" action="/u/mfa-otp">${transactionFields(session)}${codeField}<button type="submit">Continue</button></form>`;
  return renderPage(branding, { title: 'Verify your identity', body, ...(error ? { status: 400 } : {}) });
}

export function errorPage(branding: JsonObject, title: string, message: string, status = 400): PublicReply {
  return renderPage(branding, {
    title: 'Something went wrong',
    body: `<p><strong>${escapeHtml(title)}</strong></p>${errorLine(message)}`,
    status,
  });
}
