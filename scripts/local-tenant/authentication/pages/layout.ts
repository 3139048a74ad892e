/**
 * The frame of every login page: the tenant's branding (primary colour, page background, logo) when it
 * declares them, one stylesheet allowed by a nonce, and headers that keep the page out of frames and
 * scripts out of it. Every value that did not come from this file goes through `escapeHtml`.
 */

import { randomBytes } from 'node:crypto';
import { escapeHtml } from '../../http/html';
import type { PublicReply } from '../../http/public-routes';
import { isJsonObject } from '../../http/validate';
import type { JsonObject } from '../../state/types';

/** A colour is only used when it is a plain hex colour: anything else could break out of the stylesheet. */
const cssColour = (value: unknown, fallback: string): string =>
  typeof value === 'string' && /^#[0-9a-fA-F]{3,8}$/.test(value) ? value : fallback;

function logoUrl(branding: JsonObject): string | undefined {
  const url = branding.logo_url;
  if (typeof url !== 'string') return undefined;
  try {
    return new URL(url).protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

export interface PageContent {
  title: string;
  /** HTML already escaped by the page that built it. */
  body: string;
  status?: number;
}

/**
 * No script at all; styles only from the one element carrying the nonce; images from https (the logo);
 * no `form-action`, since browsers apply it to the redirect after a post too and the login ends with one to the
 * app's callback. `x-frame-options` for the browsers that predate `frame-ancestors`.
 */
function securityHeaders(nonce: string): Record<string, string> {
  return {
    'content-security-policy': `default-src 'none'; style-src 'nonce-${nonce}'; img-src https: data:; frame-ancestors 'none'; base-uri 'none'`,
    'x-frame-options': 'deny',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
}

export function renderPage(brandingSettings: JsonObject, content: PageContent): PublicReply {
  const colors = isJsonObject(brandingSettings.colors) ? brandingSettings.colors : {};
  const primary = cssColour(colors.primary, '#635dff');
  const background = cssColour(colors.page_background, '#f3f4f6');
  const logo = logoUrl(brandingSettings);
  const nonce = randomBytes(16).toString('base64');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(content.title)}</title>
<style nonce="${nonce}">
body{margin:0;font-family:system-ui,sans-serif;background:${background};display:flex;justify-content:center}
main{background:#fff;margin-top:8vh;padding:2rem;border-radius:8px;width:22rem;box-shadow:0 2px 8px #0002}
label{display:block;margin:.8rem 0 .2rem}input,select{width:100%;padding:.5rem;box-sizing:border-box}
button{margin-top:1rem;width:100%;padding:.6rem;border:0;border-radius:4px;background:${primary};color:#fff;font-size:1rem}
.error{color:#b00020}.secret{font-family:monospace;word-break:break-all}img.logo{max-height:52px;display:block;margin:auto}
a.social{display:block;margin-top:.6rem;text-align:center;padding:.5rem;border:1px solid ${primary};color:${primary};text-decoration:none;border-radius:4px}
</style></head>
<body><main>${logo ? `<img class="logo" alt="" src="${escapeHtml(logo)}">` : ''}
<h1>${escapeHtml(content.title)}</h1>
${content.body}
</main></body></html>`;
  return { status: content.status ?? 200, headers: securityHeaders(nonce), html };
}

/** A hidden field; both name and value escaped. */
export const hidden = (name: string, value: string): string =>
  `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;

export const errorLine = (message: string | undefined): string =>
  message ? `<p class="error" role="alert">${escapeHtml(message)}</p>` : '';
