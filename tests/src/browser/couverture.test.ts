import { DEMO_PASSWORD } from '@passerelles/db';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { ACCOUNTS, expectAccessible, useDashboard } from '../support/dashboard.js';
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
    expect(await topShape.getAttribute('aria-label')).toBe(`${top.name} : ${max} structure${max > 1 ? 's' : ''}`);
    await expect.poll(() => page.locator('.tooltip').textContent()).toBe(`${top.name} : ${max} structure${max > 1 ? 's' : ''}`);
    // Enter opens the territory's panel.
    await topShape.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('territoire') === top.id);
    const panel = page.getByTestId('panneau-territoire');
    await expect.poll(() => panel.locator('h2').textContent()).toBe(top.name);
    // The map was not redrawn: the shape keeps the focus, and is outlined as selected.
    expect(await topShape.evaluate((el) => el === document.activeElement && el.classList.contains('selected'))).toBe(true);
    // The panel lists the offer of the theme (mental health by default) that the coverage counts.
    const { data: offer } = await gatewayQuery<{ coverage: { servicesEligible: number; services: { name: string }[] } }>(
      ui.system,
      token,
      'query ($t: ID!) { coverage(territoryId: $t, theme: SANTE__SANTE_MENTALE) { servicesEligible services(first: 20) { name } } }',
      { t: top.id },
    );
    expect(offer!.coverage.services.length).toBeGreaterThan(0);
    const listed = (await panel.getByTestId('offre-territoire').locator('li a').allTextContents()).map((t) => t.trim());
    expect(listed).toEqual(offer!.coverage.services.map((x) => x.name));
    await expectAccessible(page);
    await screenshot(page, 'couverture-panneau');
    // The table alternative has the same values.
    const row = page.locator('table[data-table="carte"] tbody tr', { hasText: top.name });
    expect((await row.locator('td').first().textContent())?.trim()).toBe(String(max));
    // Zoom in changes the map's transform.
    await page.getByRole('button', { name: 'Zoomer', exact: true }).click();
    expect(await page.getByTestId('carte').locator('g').first().getAttribute('transform')).toContain('scale(1.5)');
    await page.close();
  });

  it('draws the 887 communes of the Pas-de-Calais coloured by their services, hatches the uncovered ones, and is one tab stop walked with the arrows', async () => {
    const token = await login(ui.system, ACCOUNTS.STEERING, DEMO_PASSWORD);
    const { data } = await gatewayQuery<{ coverage: { communes: { commune: { code: string; name: string }; servicesEligible: number; covered: boolean }[] } }>(
      ui.system,
      token,
      '{ coverage(theme: SANTE__ADDICTIONS) { communes { commune { code name } servicesEligible covered } } }',
    );
    const communes = data!.coverage.communes;
    expect(communes).toHaveLength(887);
    const most = communes.reduce((a, b) => (b.servicesEligible > a.servicesEligible ? b : a));

    const page = await ui.pageAs('STEERING');
    await ui.open(page, '/couverture?niveau=communes&mesure=services&theme=sante--addictions');
    const shapes = page.getByTestId('carte').locator('path.shape');
    expect(await shapes.count()).toBe(887);
    const shape = page.locator(`path.shape[data-id="${most.commune.code}"]`);
    expect(await shape.getAttribute('data-value')).toBe(String(most.servicesEligible));
    expect(await shape.getAttribute('fill')).toBe('#08519c');
    // The demo's addiction services serve a few EPCI only: most communes are white zones.
    const uncovered = communes.filter((c) => !c.covered);
    expect(uncovered.length).toBeGreaterThan(0);
    const white = page.locator(`path.shape[data-id="${uncovered[0]!.commune.code}"]`);
    expect(await white.getAttribute('fill')).toMatch(/^url\(#hachures-/);
    expect(await white.getAttribute('aria-label')).toBe(`${uncovered[0]!.commune.name} : 0 service — non couvert`);
    // One tab stop for the whole map; the arrows go to the next commune (by code) and show its value.
    expect(await page.locator('path.shape[tabindex="0"]').count()).toBe(1);
    const first = page.locator('path.shape[tabindex="0"]');
    const firstId = await first.getAttribute('data-id');
    await first.focus();
    await page.keyboard.press('ArrowRight');
    const ids = communes.map((c) => c.commune.code).sort();
    const second = communes.find((c) => c.commune.code === ids[ids.indexOf(firstId!) + 1])!;
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-id'))).toBe(second.commune.code);
    await expect.poll(() => page.locator('.tooltip').textContent()).toContain(`${second.commune.name} : ${second.servicesEligible} service${second.servicesEligible > 1 ? 's' : ''}`);
    expect(await page.locator('path.shape[tabindex="0"]').count()).toBe(1);
    await page.close();
  });
});
