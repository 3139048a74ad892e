/**
 * The test app's JavaScript, run in the browser: the PKCE helpers (a string of its own, so a unit test can
 * evaluate it in `node:vm` with WebCrypto) and the app. Constant text: the page's CSP allows it by its
 * SHA-256, and the page's settings reach it as JSON in a non-executed `<script type="application/json">`.
 * Everything it shows goes through `textContent`, never `innerHTML`.
 */

/** RFC 7636: a verifier of 32 random bytes, base64url, and its S256 challenge. */
export const PKCE_SCRIPT = `
function base64url(bytes) {
  let text = '';
  for (const byte of new Uint8Array(bytes)) text += String.fromCharCode(byte);
  return btoa(text).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
}
function randomUrlSafe(byteCount) {
  return base64url(crypto.getRandomValues(new Uint8Array(byteCount)));
}
async function s256(verifier) {
  return base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
}
`;

/** The app: sign in (authorize with PKCE, state, nonce), the code exchange, the claims, log out. */
const APP_SCRIPT = `
const config = JSON.parse(document.getElementById('config').textContent);
const out = document.getElementById('out');
const say = (text, kind) => {
  const line = document.createElement('p');
  line.textContent = text;
  if (kind) line.className = kind;
  out.append(line);
};
const claims = (title, jwt) => {
  const heading = document.createElement('h2');
  heading.textContent = title + ' (decoded only, the signature is not verified here)';
  const block = document.createElement('pre');
  let payload = {};
  try {
    const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(part), (c) => c.charCodeAt(0));
    payload = JSON.parse(new TextDecoder().decode(bytes));
    block.textContent = JSON.stringify(payload, null, 2);
  } catch {
    block.textContent = 'not a JWT';
  }
  out.append(heading, block);
  return payload;
};
async function signIn() {
  const verifier = randomUrlSafe(32);
  const state = randomUrlSafe(16);
  const nonce = randomUrlSafe(16);
  sessionStorage.setItem('test-app', JSON.stringify({ verifier, state, nonce }));
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: config.callbackUrl,
    scope: config.scope,
    state,
    nonce,
    code_challenge: await s256(verifier),
    code_challenge_method: 'S256',
  });
  if (config.audience) query.set('audience', config.audience);
  location.assign('/authorize?' + query.toString());
}
async function finish(params) {
  const saved = JSON.parse(sessionStorage.getItem('test-app') || '{}');
  sessionStorage.removeItem('test-app');
  history.replaceState(null, '', config.appUrl);
  if (!saved.state || saved.state !== params.get('state'))
    return say('The state sent back is not the one this page sent: the sign-in is refused.', 'error');
  const response = await fetch('/oauth/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: config.clientId,
      code: params.get('code'),
      code_verifier: saved.verifier,
      redirect_uri: config.callbackUrl,
    }),
  });
  const tokens = await response.json();
  if (!response.ok) return say('The token endpoint answered ' + response.status + ': ' + (tokens.error_description || tokens.error), 'error');
  say('Signed in. Scopes granted: ' + (tokens.scope || '(none said)'));
  const idClaims = claims('ID token', tokens.id_token);
  if (idClaims.nonce !== saved.nonce) say('The ID token does not carry the nonce this page sent.', 'error');
  if (tokens.access_token) claims('Access token', tokens.access_token);
  if (tokens.refresh_token) say('A refresh token was issued too (not shown).');
}
document.getElementById('sign-in').addEventListener('click', () => signIn().catch((e) => say(String(e), 'error')));
document.getElementById('log-out').addEventListener('click', () => {
  location.assign('/v2/logout?' + new URLSearchParams({ client_id: config.clientId, returnTo: config.appUrl }));
});
const params = new URLSearchParams(location.search);
if (params.has('error')) say('Sign-in failed: ' + params.get('error') + ': ' + (params.get('error_description') || ''), 'error');
else if (params.has('code')) finish(params).catch((e) => say(String(e), 'error'));
`;

export const BROWSER_SCRIPT = `${PKCE_SCRIPT}${APP_SCRIPT}`;
