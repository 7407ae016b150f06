import { describe, expect, it } from 'vitest';
import { expectAccessible, useDashboard } from '../support/dashboard.js';

/** A subgraph stopped while the dashboard is in use: the other panels still work. */
const ui = useDashboard();

describe('a subgraph stopped while the dashboard is in use', () => {
  it('keeps the pages usable and says which part is unavailable', async () => {
    const page = await ui.pageAs('ADMIN');
    await ui.open(page, `/pilotage`);
    const notices = (): Promise<string[]> => page.getByRole('status').allTextContents();
    expect(await notices()).not.toContainEqual(expect.stringContaining('« programmes »'));
    await ui.system.stopService('funding');
    await page.reload();
    expect(await page.locator('h1').textContent()).toBe('Pilotage');
    // The funding subgraph serves the programmes: the page says they are unavailable.
    await expect.poll(notices).toContainEqual(expect.stringContaining('« programmes »'));
    await expect.poll(notices).toContainEqual(expect.stringContaining('« financements »'));
    // The panels of the other subgraphs still work: the comparison of territories is there.
    expect(await page.getByTestId('comparaison').locator('tbody tr').count()).toBe(9);
    await ui.open(page, `/couverture?mesure=structures`);
    expect(await page.getByTestId('carte').locator('path.shape').count()).toBe(9);
    await expectAccessible(page);
    await page.close();
  });
});
