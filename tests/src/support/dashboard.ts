// One browser test file's world: the whole system (as `npm start` runs it) on a throwaway database
// with the demo data, Debian's Chromium, and a signed-in tab per demo role.
import { DEMO_PASSWORD } from '@passerelles/db';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchBrowser, open, screenshot, seriousViolations, signIn, type TestBrowser } from './browser.js';
import { startTestSystem, type TestSystem } from './system.js';

/** The demo accounts of the Pas-de-Calais, by role (README « Demo accounts »). */
export const ACCOUNTS = {
  ADMIN: 'admin.62@demo.passerelles.fr',
  STEERING: 'pilotage.62@demo.passerelles.fr',
  REFERENT: 'referent.62@demo.passerelles.fr',
  OPERATOR: 'operateur.62@demo.passerelles.fr',
  PRESCRIBER: 'prescripteur.62@demo.passerelles.fr',
} as const;

export type DemoRole = keyof typeof ACCOUNTS;

export interface DashboardSuite {
  readonly system: TestSystem;
  readonly browser: TestBrowser;
  /** The dashboard's origin, e.g. `http://localhost:41234`. */
  readonly url: string;
  /** A fresh tab signed in as the demo account of a role (login form the first time, then the same session). */
  pageAs(role: DemoRole): Promise<Page>;
  /** Opens a path of the dashboard and waits for hydration. */
  open(page: Page, path: string): ReturnType<typeof open>;
}

type Cookies = Awaited<ReturnType<TestBrowser['context']['cookies']>>;

/**
 * Registers the file's `beforeAll`/`afterAll`: starts the system and Chromium once for the file.
 * Call at the top level of a test file.
 */
export function useDashboard(options: { gatewayEnv?: Record<string, string> } = {}): DashboardSuite {
  let system: TestSystem | undefined;
  let browser: TestBrowser | undefined;
  const sessions = new Map<DemoRole, Cookies>();

  beforeAll(async () => {
    // Every sign-in counts against the gateway's per-address login throttling (all from 127.0.0.1 here).
    system = await startTestSystem({
      seedDemo: true,
      withDashboard: true,
      gatewayEnv: { LOGIN_ATTEMPTS_PER_WINDOW: '1000', ...options.gatewayEnv },
    });
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  const suite: DashboardSuite = {
    get system() {
      if (!system) throw new Error('the system is not started (useDashboard at the top level of the file?)');
      return system;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not started');
      return browser;
    },
    get url() {
      return suite.system.urls.dashboard!;
    },
    open: (page, path) => open(page, `${suite.url}${path}`),
    async pageAs(role) {
      const { context } = suite.browser;
      await context.clearCookies();
      const page = await suite.browser.newPage();
      const saved = sessions.get(role);
      if (saved) {
        await context.addCookies(saved);
        await open(page, `${suite.url}/pilotage`);
      } else {
        await signIn(page, suite.url, ACCOUNTS[role], DEMO_PASSWORD);
        sessions.set(role, await context.cookies());
      }
      return page;
    },
  };
  return suite;
}

/** axe-core finds no serious or critical violation on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousViolations(page), `axe on ${page.url()}`).toEqual([]);
}

/** Checks the page with axe-core, then saves its 1366×768 screenshot as an artefact. */
export async function expectAccessibleAndCapture(page: Page, name: string): Promise<void> {
  await expectAccessible(page);
  await screenshot(page, name);
}

/** The texts of the notices of panels that could not load (`Unavailable`), empty when all loaded. */
export const unavailableNotices = (page: Page): Promise<string[]> => page.locator('.unavailable').allTextContents();
