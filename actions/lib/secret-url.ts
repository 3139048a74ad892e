/**
 * A secret that holds a URL, parsed once the same way by every Action. A problem names the secret and what
 * is wrong with it, never its value (Auth0 keeps Action logs).
 */
export type SecretUrlResult = { url: URL } | { problem: string };

export function secretUrl(name: string, raw: string | undefined): SecretUrlResult {
  const value = raw?.trim() ?? '';
  if (value === '') return { problem: `${name} is not set` };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { problem: `${name} is not a URL` };
  }
  if (url.username !== '' || url.password !== '') return { problem: `${name} must not carry credentials` };
  return { url };
}
