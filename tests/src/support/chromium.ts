import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The one line a person must run when no Chromium can be found or installed here. */
export const INSTALL_HINT =
  'Install Chromium, then run npm test again: `sudo apt-get install chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome executable.';

const isExecutable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** Chromium builds that Playwright downloaded on this machine, newest first (`~/.cache/ms-playwright`). */
export function playwrightCache(): string[] {
  const root = process.env.PLAYWRIGHT_BROWSERS_PATH || join(homedir(), '.cache', 'ms-playwright');
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => /^chromium(_headless_shell)?-\d+$/.test(name))
    .sort((a, b) => Number(b.split('-').at(-1)) - Number(a.split('-').at(-1)))
    .flatMap((name) => ['chrome-linux/chrome', 'chrome-linux64/chrome', 'chrome-headless-shell-linux64/chrome-headless-shell'].map((p) => join(root, name, p)));
}

/**
 * The Chromium the browser tests drive, in this order: `CHROMIUM_PATH`, the distribution's
 * (`/usr/bin/chromium`, `chromium-browser`, Chrome), then Playwright's own cache. Null when none is
 * there. A `CHROMIUM_PATH` that names nothing runnable is an error, not a fallback.
 */
export function findChromium(): string | null {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!isExecutable(configured)) throw new Error(`CHROMIUM_PATH=${configured} is not an executable file. ${INSTALL_HINT}`);
    return configured;
  }
  const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', ...playwrightCache()];
  return candidates.find(isExecutable) ?? null;
}

/**
 * Finds Chromium, or installs Debian's where this process may (root with apt-get, as in CI);
 * otherwise throws with the one line to run, so that `npm test` stops before running anything.
 */
export function requireChromium(log: (line: string) => void = (line) => console.log(line)): string {
  const found = findChromium();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && isExecutable('/usr/bin/apt-get')) {
    log('[tests] no Chromium found: installing Debian\'s (apt-get install chromium)…');
    for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
      const result = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
      if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${result.status ?? 'signal'}). ${INSTALL_HINT}`);
    }
    const installed = findChromium();
    if (installed) return installed;
  }
  throw new Error(`The browser tests need Chromium and none was found. ${INSTALL_HINT}`);
}
