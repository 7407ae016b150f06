import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findChromium, INSTALL_HINT, playwrightCache } from './support/chromium.js';

/** `npm test` finds the browser of the browser tests itself, or says in one line what to install. */
describe('finding Chromium for the browser tests', () => {
  let dir: string;
  const saved = { chromium: process.env.CHROMIUM_PATH, playwright: process.env.PLAYWRIGHT_BROWSERS_PATH };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'passerelles-chromium-test-'));
  });
  afterEach(async () => {
    for (const [name, value] of [['CHROMIUM_PATH', saved.chromium], ['PLAYWRIGHT_BROWSERS_PATH', saved.playwright]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await rm(dir, { recursive: true, force: true });
  });

  const executable = async (path: string): Promise<string> => {
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, '#!/bin/sh\n');
    await chmod(path, 0o755);
    return path;
  };

  it('takes CHROMIUM_PATH first', async () => {
    process.env.CHROMIUM_PATH = await executable(join(dir, 'my-chrome'));
    expect(findChromium()).toBe(process.env.CHROMIUM_PATH);
  });

  it('refuses a CHROMIUM_PATH that is not executable, saying what to do', async () => {
    process.env.CHROMIUM_PATH = join(dir, 'missing-chrome');
    expect(() => findChromium()).toThrow(`CHROMIUM_PATH=${join(dir, 'missing-chrome')} is not an executable file. ${INSTALL_HINT}`);
  });

  it("lists Playwright's downloaded builds, newest first", async () => {
    process.env.PLAYWRIGHT_BROWSERS_PATH = dir;
    await executable(join(dir, 'chromium-1100', 'chrome-linux', 'chrome'));
    await executable(join(dir, 'chromium-1200', 'chrome-linux', 'chrome'));
    await executable(join(dir, 'firefox-1400', 'firefox', 'firefox'));
    const found = playwrightCache();
    expect(found[0]).toBe(join(dir, 'chromium-1200', 'chrome-linux', 'chrome'));
    expect(found.filter((p) => p.includes('chromium-1100'))).toHaveLength(3);
    expect(found.some((p) => p.includes('firefox'))).toBe(false);
  });
});
