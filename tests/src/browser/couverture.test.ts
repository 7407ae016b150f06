import { DEMO_PASSWORD } from '@passerelles/db';
import { describe, expect, it } from 'vitest';
import { ACCOUNTS, useDashboard } from '../support/dashboard.js';
import { gatewayQuery, login } from '../support/system.js';

/** The coverage map: colours, values on focus, the territory panel, the table alternative, zoom. */
const ui = useDashboard();

interface TerritoryFigures {
  territories: { id: string; name: string; partnerCount: number; activeBeneficiaries: number | null }[];
}

describe('Couverture', () => {
  it('colours each territory by its value, shows values on focus and opens the territory panel', async () => {
    const token = await login(ui.system, ACCOUNTS.ADMIN, DEMO_PASSWORD);
    const { data } = await gatewayQuery<TerritoryFigures>(ui.system, token, '{ territories { id name partnerCount activeBeneficiaries } }');
    const territories = data!.territories;
    expect(territories).toHaveLength(9);
    const max = Math.max(...territories.map((t) => t.partnerCount));
    const min = Math.min(...territories.map((t) => t.partnerCount));
    const top = territories.find((t) => t.partnerCount === max)!;

    const page = await ui.pageAs('ADMIN');
    await ui.open(page, `/couverture?mesure=structures`);
    const shapes = page.getByTestId('carte').locator('path.shape');
    expect(await shapes.count()).toBe(9);
    const topShape = page.locator(`path.shape[data-id="${top.id}"]`);
    expect(await topShape.getAttribute('data-value')).toBe(String(max));
    // The highest value has the darkest colour of the sequential palette.
    expect(await topShape.getAttribute('fill')).toBe('#08519c');
    if (max !== min) {
      const bottom = territories.find((t) => t.partnerCount === min)!;
      expect(await page.locator(`path.shape[data-id="${bottom.id}"]`).getAttribute('fill')).toBe('#eff3ff');
    }
    // Keyboard: the shape is focusable, named with its value, and the value is shown.
    await topShape.focus();
    expect(await topShape.getAttribute('aria-label')).toBe(`${top.name} : ${max} structures`);
    await expect.poll(() => page.locator('.tooltip').textContent()).toBe(`${top.name} : ${max} structures`);
    // Enter opens the territory's panel.
    await topShape.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('territoire') === top.id);
    const panel = page.getByTestId('panneau-territoire');
    await expect.poll(() => panel.locator('h2').textContent()).toBe(top.name);
    // The table alternative has the same values.
    const row = page.locator('table[data-table="carte"] tbody tr', { hasText: top.name });
    expect((await row.locator('td').first().textContent())?.trim()).toBe(String(max));
    // Zoom in changes the map's transform.
    await page.getByRole('button', { name: 'Zoomer', exact: true }).click();
    expect(await page.getByTestId('carte').locator('g').first().getAttribute('transform')).toContain('scale(1.5)');
    await page.close();
  });

  it('draws the 887 communes of the Pas-de-Calais', async () => {
    const page = await ui.pageAs('STEERING');
    await ui.open(page, `/couverture?niveau=communes`);
    expect(await page.getByTestId('carte').locator('path.shape').count()).toBe(887);
    await page.close();
  });
});
