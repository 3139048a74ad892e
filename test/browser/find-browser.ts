/**
 * The headless Chromium a browser test drives, and how it is found:
 * 1. `CHROMIUM_PATH`, when set (a machine's own browser);
 * 2. the binary `@sparticuz/chromium` ships inside its npm package (a dev dependency, so `npm ci` brings it
 *    and nothing is downloaded at test time), unpacked into the temporary folder on first use;
 * 3. Debian's `chromium` package, `/usr/bin/chromium`.
 * None found: the test skips and says why in one line.
 */
import { existsSync } from 'node:fs';

export type BrowserFound = { executablePath: string; from: string } | { skip: string };

/**
 * Flags for a browser on a machine with no network but loopback: without the background-networking ones,
 * Chromium keeps trying Google's hosts. We do not take `@sparticuz/chromium`'s own list: it turns off web
 * security and allows mixed content, which would hide what a login page's CSP and cookies do.
 */
export const BROWSER_ARGS = [
  '--no-sandbox',
  '--no-zygote',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--use-gl=angle',
  '--use-angle=swiftshader',
];

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export async function findBrowser(env: NodeJS.ProcessEnv = process.env): Promise<BrowserFound> {
  const configured = env.CHROMIUM_PATH;
  if (configured) {
    return existsSync(configured)
      ? { executablePath: configured, from: 'CHROMIUM_PATH' }
      : { skip: `CHROMIUM_PATH is ${configured}, which does not exist` };
  }
  let packaged: string | undefined;
  try {
    const { default: chromium } = await import('@sparticuz/chromium');
    packaged = await chromium.executablePath();
  } catch (error) {
    if (existsSync(DEBIAN_CHROMIUM)) return { executablePath: DEBIAN_CHROMIUM, from: 'Debian chromium' };
    return {
      skip: `no headless Chromium: @sparticuz/chromium could not unpack (${(error as Error).message}) and ${DEBIAN_CHROMIUM} is absent`,
    };
  }
  return { executablePath: packaged, from: '@sparticuz/chromium' };
}
