import type { Page } from 'playwright-core';
import type { BenchContext, Scenario, SelfMeasured } from '../harness.js';
import { closedThrough, todayIso } from '@passerelles/subgraph-kit';
import { latestClosed } from '../../support/publication.js';
import { ensurePublication, populationLabel } from './beneficiaries-indicators.js';

/**
 * Time from navigation start until the page is usable, as the browser measured it: the later of
 * the `load` event and the app's hydration mark (`passerelles:hydrated`, set by the root layout
 * once Svelte has mounted, so that filters and the map react).
 */
async function loadUntilUsable(page: Page, url: string, ready: (page: Page) => Promise<void>): Promise<SelfMeasured> {
  await page.goto(url);
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
  await ready(page);
  const measuredMs = await page.evaluate(() => {
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const hydrated = performance.getEntriesByName('passerelles:hydrated')[0]?.startTime ?? 0;
    return Math.max(navigation.loadEventEnd, hydrated);
  });
  return { measuredMs };
}

async function expectCount(page: Page, selector: string, count: number): Promise<void> {
  const found = await page.locator(selector).count();
  if (found !== count) throw new Error(`${page.url()}: expected ${count} × ${selector}, found ${found}`);
}

/** Opens a Pilotage page: no panel « indisponible », and at least 5 indicator cards. */
async function expectEveryPanel(page: Page, url: string): Promise<void> {
  await page.goto(url);
  const unavailable = await page.locator('.unavailable').allTextContents();
  if (unavailable.length > 0) throw new Error(`Pilotage has unavailable panels: ${unavailable.join(' | ')}`);
  if ((await page.locator('.card').count()) < 5) throw new Error('Pilotage shows fewer than 5 indicator cards');
}

/** Milliseconds until a Pilotage page is usable: its first indicator card shown. */
const loadPilotage = (page: Page, url: string): Promise<SelfMeasured> => loadUntilUsable(page, url, (p) => p.locator('.card').first().waitFor());

/** The budget of issue 7: the demo's Pilotage page usable in under 1 s. */
export const dashboardPilotage: Scenario = {
  name: 'dashboard: Pilotage page load (62, steering), browser',
  description: 'Chromium navigates to /pilotage (default filters: this year) until the page is usable; all panels answered',
  async verify(ctx: BenchContext) {
    const { page, url } = await ctx.dashboard();
    await expectEveryPanel(page, `${url}/pilotage`);
  },
  run: async (ctx: BenchContext) => {
    const { page, url } = await ctx.dashboard();
    return loadPilotage(page, `${url}/pilotage`);
  },
};

/** The budget of issue 7: the Couverture map of the Pas-de-Calais (887 communes) rendered in under 500 ms. */
export const dashboardCoverageCommunes: Scenario = {
  name: 'dashboard: Couverture map of the 887 communes (62), browser',
  description: 'Chromium navigates to /couverture?niveau=communes (services eligible, mental health) until the 887 coloured communes are drawn and the map reacts',
  async verify(ctx: BenchContext) {
    const { page, url } = await ctx.dashboard();
    await page.goto(`${url}/couverture?niveau=communes&mesure=services`);
    await expectCount(page, '[data-testid="carte"] path.shape', 887);
    const grey = await page.locator('[data-testid="carte"] path.shape[fill="#d9d9d9"]').count();
    if (grey > 0) throw new Error(`${grey} communes have no value on the map`);
  },
  run: async (ctx: BenchContext) => {
    const { page, url } = await ctx.dashboard();
    return loadUntilUsable(page, `${url}/couverture?niveau=communes&mesure=services`, (p) =>
      expectCount(p, '[data-testid="carte"] path.shape', 887),
    );
  },
};

/** Redrawing the 887 communes in the browser when the measure changes (client-side navigation). */
export const dashboardCoverageRedraw: Scenario = {
  name: 'dashboard: Couverture communes, change of measure (62), browser',
  description: 'on the communes map, choosing another measure in the form until the 887 communes are recoloured (client-side navigation, data from the server)',
  run: async (ctx: BenchContext) => {
    const { page, url } = await ctx.dashboard();
    if (!page.url().includes('niveau=communes')) {
      await page.goto(`${url}/couverture?niveau=communes&mesure=services`);
      await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    }
    const next = (await page.locator('#mesure').inputValue()) === 'services' ? 'distance' : 'services';
    const start = await page.evaluate(() => performance.now());
    await page.locator('#mesure').selectOption(next);
    // Polled on animation frames in the page: the time the new colours are in the DOM.
    const done = await page.waitForFunction(
      (measure) =>
        new URL(location.href).searchParams.get('mesure') === measure &&
        !document.querySelector('main[aria-busy="true"]') &&
        document.querySelectorAll('[data-testid="carte"] path.shape').length === 887
          ? performance.now()
          : false,
      next,
      { polling: 'raf' },
    );
    return { measuredMs: Number(await done.jsonValue()) - start };
  },
};

/**
 * Issue 15, goal 4: the Pilotage page as the steering account on the scale population once the
 * publication job has run — its default period (the latest closed one) and a closed year with every
 * panel (the last closed year, `?periode=2025` in December 2026).
 */
export const dashboardPilotageAtScale: Scenario[] = [
  { query: '', label: 'default period' },
  { query: `?periode=${latestClosed('YEAR', closedThrough(todayIso()))}`, label: `year ${latestClosed('YEAR', closedThrough(todayIso()))}` },
].map(({ query, label }) => ({
  get name() {
    return `dashboard: Pilotage page load as steering, ${label} (${populationLabel()}), browser`;
  },
  description: `Chromium navigates to /pilotage${query} as pilotage.62 until the page is usable, on the scale population after the publication job`,
  async verify(ctx: BenchContext) {
    await ensurePublication(ctx);
    const { page, url } = await ctx.dashboard();
    await expectEveryPanel(page, `${url}/pilotage${query}`);
  },
  run: async (ctx: BenchContext) => {
    const { page, url } = await ctx.dashboard();
    return loadPilotage(page, `${url}/pilotage${query}`);
  },
}));

/**
 * Issue 15, goal 4, for an administrator: every figure of the default period exact and computed live
 * (ADR 0005), on the scale population.
 */
export const dashboardPilotageAtScaleAsAdmin: Scenario = {
  get name() {
    return `dashboard: Pilotage page load as administrator, default period (${populationLabel()}), browser`;
  },
  description: 'Chromium navigates to /pilotage as admin.62 until the page is usable: exact figures, computed live for each request',
  async verify(ctx: BenchContext) {
    const { page, url } = await ctx.dashboardAsAdmin();
    await expectEveryPanel(page, `${url}/pilotage`);
  },
  run: async (ctx: BenchContext) => {
    const { page, url } = await ctx.dashboardAsAdmin();
    return loadPilotage(page, `${url}/pilotage`);
  },
};

export const dashboardPages: Scenario[] = [dashboardPilotage, dashboardCoverageCommunes, dashboardCoverageRedraw];
