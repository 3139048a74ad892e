/**
 * A login page's HTML read the way a headless client reads it: the forms it posts (action and hidden
 * fields, the CSRF token among them), the error it shows, the TOTP secret an enrollment page shows. The
 * local tenant's pages are its own simple markup (authentication/pages/), so patterns suffice; no DOM.
 */

export interface PageForm {
  /** Where it posts, as written in the page (`/u/login`). */
  action: string;
  method: string;
  /** Its hidden fields (`state`, `csrf`, `connection`, ...), unescaped. */
  hidden: Record<string, string>;
  /** The names of the fields a person fills in (`email`, `password`, `code`). */
  inputs: string[];
}

export interface LoginPage {
  /** The page's heading (`Log in`, `Secure your account`, `Something went wrong`). */
  title: string;
  forms: PageForm[];
  /** The error it shows (a wrong password, a refused sign-up), with an error page's heading before it. */
  error?: string;
  /** The base32 secret an MFA enrollment page shows. */
  totpSecret?: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

export const unescapeHtml = (text: string): string =>
  text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ENTITIES[name] ?? '');

const textOf = (html: string): string =>
  unescapeHtml(html.replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();

/** An attribute of one tag's text (`name="x"`), unescaped. */
function attribute(tag: string, name: string): string | undefined {
  const found = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return found?.[1] === undefined ? undefined : unescapeHtml(found[1]);
}

function readForm(open: string, inner: string): PageForm {
  const hidden: Record<string, string> = {};
  const inputs: string[] = [];
  for (const [tag] of inner.matchAll(/<(?:input|select)\b[^>]*>/g)) {
    const name = attribute(tag, 'name');
    if (name === undefined) continue;
    if (attribute(tag, 'type') === 'hidden') hidden[name] = attribute(tag, 'value') ?? '';
    else inputs.push(name);
  }
  return {
    action: attribute(open, 'action') ?? '',
    method: (attribute(open, 'method') ?? 'get').toUpperCase(),
    hidden,
    inputs,
  };
}

export function readLoginPage(html: string): LoginPage {
  const title = textOf(
    /<h1>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? /<title>([\s\S]*?)<\/title>/.exec(html)?.[1] ?? '',
  );
  const forms = [...html.matchAll(/(<form\b[^>]*>)([\s\S]*?)<\/form>/g)].map(([, open, inner]) =>
    readForm(open ?? '', inner ?? ''),
  );
  const shown = /<p class="error"[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1];
  // An error page names what went wrong in bold above the message (authentication/pages/forms.ts).
  const heading = forms.length === 0 ? /<p><strong>([\s\S]*?)<\/strong><\/p>/.exec(html)?.[1] : undefined;
  const error = [heading, shown]
    .filter((part): part is string => part !== undefined)
    .map(textOf)
    .join(': ');
  const secret = /data-totp-secret>([A-Z2-7]+)</.exec(html)?.[1];
  return {
    title,
    forms,
    ...(error !== '' ? { error } : {}),
    ...(secret !== undefined ? { totpSecret: secret } : {}),
  };
}

/** The page's form that posts to `action`, if it has one. */
export const formPostingTo = (page: LoginPage, action: string): PageForm | undefined =>
  page.forms.find((form) => form.method === 'POST' && new URL(form.action, 'https://x').pathname === action);
