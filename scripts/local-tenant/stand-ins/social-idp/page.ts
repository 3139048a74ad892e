/**
 * The stand-in identity provider's pages: the sign-in form and the provider's error page. Every value
 * that came from a request or the tenant is HTML-escaped; the pages load nothing and allow no script
 * (the Content-Security-Policy of `pageHeaders`).
 */

import { randomBytes } from 'node:crypto';
import { escapeHtml } from '../../http/html';
import type { PublicReply } from '../../http/public-routes';

/** What the provider is called on its page, by the connection's strategy. */
export function providerLabel(strategy: unknown): string {
  const labels: Record<string, string> = {
    'google-oauth2': 'Google',
    github: 'GitHub',
    facebook: 'Facebook',
    windowslive: 'Microsoft',
    apple: 'Apple',
    linkedin: 'LinkedIn',
  };
  return typeof strategy === 'string' ? (labels[strategy] ?? strategy) : 'the identity provider';
}

function pageHeaders(styleNonce: string, cookie?: string): Record<string, string> {
  return {
    'content-security-policy': `default-src 'none'; style-src 'nonce-${styleNonce}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    ...(cookie ? { 'set-cookie': cookie } : {}),
  };
}

function page(status: number, title: string, body: string, cookie?: string): PublicReply {
  const nonce = randomBytes(16).toString('base64');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style nonce="${nonce}">body{font-family:sans-serif;max-width:26rem;margin:3rem auto}label{display:block;margin:.8rem 0}input{width:100%;padding:.4rem}.error{color:#b00020}</style>
</head><body><h1>${escapeHtml(title)}</h1>
${body}
</body></html>`;
  return { status, html, headers: pageHeaders(nonce, cookie) };
}

export interface SignInPage {
  provider: string;
  connection: string;
  action: string;
  csrf: string;
  cookie?: string;
  email?: string;
  name?: string;
  problem?: string;
}

/** The form a person signs in with: `email` and `name`, posted with the `csrf` token the page carries. */
export function signInPage(form: SignInPage): PublicReply {
  const value = (text: string | undefined) => escapeHtml(text ?? '');
  return page(
    form.problem ? 400 : 200,
    `Sign in with ${form.provider} (local stand-in)`,
    `<p>Connection <strong>${value(form.connection)}</strong>. Nothing leaves this machine.</p>
${form.problem ? `<p class="error" role="alert">${value(form.problem)}</p>` : ''}
<form method="post" action="${value(form.action)}">
<input type="hidden" name="csrf" value="${value(form.csrf)}">
<label>Email <input type="email" name="email" required value="${value(form.email)}"></label>
<label>Name <input type="text" name="name" value="${value(form.name)}"></label>
<button type="submit">Continue</button>
</form>`,
    form.cookie,
  );
}

/** The provider's own refusal (Google's "Error 401: invalid_client"): shown, never redirected back. */
export function providerErrorPage(
  status: number,
  provider: string,
  code: string,
  message: string,
): PublicReply {
  return page(
    status,
    `${provider} (local stand-in): authorization error`,
    `<p class="error" role="alert">Error ${status}: ${escapeHtml(code)}</p><p>${escapeHtml(message)}</p>`,
  );
}
