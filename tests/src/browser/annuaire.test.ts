import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { expectAccessible, useDashboard } from '../support/dashboard.js';

/** The partner directory: instant search, the map of results, a partner's page. */
const ui = useDashboard();

describe('Annuaire', () => {
  it('finds a partner as the user types and opens its page', async () => {
    const page = await ui.pageAs('REFERENT');
    await ui.open(page, `/annuaire`);
    await page.getByLabel('Rechercher une structure ou un service').pressSequentially('mdph pas');
    await page.waitForURL((url) => url.searchParams.get('q') === 'mdph pas');
    const results = page.getByTestId('resultats-structures').getByRole('link');
    await expect.poll(() => results.allTextContents()).toEqual(['MDPH du Pas-de-Calais']);
    // The map of the results has one marker, at the structure's commune.
    const markers = page.getByTestId('carte-resultats').locator('circle');
    await expect.poll(() => markers.count()).toBe(1);
    expect(await markers.first().locator('title').textContent()).toBe('MDPH du Pas-de-Calais (Arras)');
    await results.first().click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('MDPH du Pas-de-Calais');
    expect(await page.locator('.unavailable').allTextContents()).toEqual([]);
    await expectAccessible(page);
    await screenshot(page, 'annuaire-structure');
    await page.close();
  });
});
