// Browser tests: Debian's Chromium driven by playwright-core (no browser download), axe-core
// accessibility checks and 1366×768 screenshots saved as test artefacts (not committed).
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import axe from 'axe-core';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { findChromium, INSTALL_HINT } from './chromium.js';

export const VIEWPORT = { width: 1366, height: 768 } as const;

const SCREENSHOT_DIR = resolve(import.meta.dirname, '..', '..', 'artifacts', 'screenshots');

export interface TestBrowser {
  context: BrowserContext;
  /** A new tab at 1366×768, French locale. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** Launches Chromium headless with a fresh profile (nothing shared between test files). */
export async function launchBrowser(): Promise<TestBrowser> {
  // `npm test`'s global setup found (or installed) it already; the bench and single runs look again.
  const executablePath = findChromium();
  if (!executablePath) throw new Error(`No Chromium found. ${INSTALL_HINT}`);
  const userDataDir = await mkdtemp(join(tmpdir(), 'passerelles-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: VIEWPORT,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    acceptDownloads: true,
  });
  return {
    context,
    newPage: () => context.newPage(),
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Opens a page and waits until SvelteKit has hydrated it (its scripts are dynamic imports, which
 * the `load` event does not wait for): typing before hydration can be undone by it.
 */
export async function open(page: Page, url: string): Promise<Awaited<ReturnType<Page['goto']>>> {
  const response = await page.goto(url);
  // The root layout marks <html data-hydrated> once mounted in the browser.
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  return response;
}

/** Signs in through the dashboard's login form; waits for the page after the redirect. */
export async function signIn(page: Page, dashboardUrl: string, email: string, password: string): Promise<void> {
  await open(page, `${dashboardUrl}/connexion`);
  const emailField = page.getByLabel('Adresse e-mail');
  const passwordField = page.getByLabel('Mot de passe');
  await emailField.fill(email);
  await passwordField.fill(password);
  if ((await emailField.inputValue()) !== email || (await passwordField.inputValue()) !== password) {
    await emailField.fill(email);
    await passwordField.fill(password);
  }
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/connexion'), { timeout: 45_000 }),
    page.getByRole('button', { name: 'Se connecter' }).click(),
  ]);
}

export interface AxeViolation {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/** Runs axe-core in the page; returns the serious and critical violations (empty when none). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Saves a full-window screenshot at 1366×768 as tests/artifacts/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.setViewportSize(VIEWPORT);
  await page.screenshot({ path });
  return path;
}
