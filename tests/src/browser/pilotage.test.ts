import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { useDashboard } from '../support/dashboard.js';

/** Steering: filters, indicator cards, charts with their tables, exports. */
const ui = useDashboard();

describe('Pilotage', () => {
  it('a territory filter changes the comparison chart and table, and the CSV export has the same rows', async () => {
    const page = await ui.pageAs('ADMIN');
    await ui.open(page, `/pilotage`);
    const comparison = page.getByTestId('comparaison');
    const rows = comparison.locator('tbody tr');
    expect(await rows.count()).toBe(9);
    await page.getByLabel('Territoire', { exact: true }).selectOption({ label: 'Arrageois' });
    await page.waitForURL((url) => url.searchParams.get('territoire') === '62-arrageois');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().locator('th').textContent()).toBe('Arrageois');
    // The chart is redrawn with the filtered values: one bar group.
    await expect.poll(() => comparison.locator('canvas').evaluate((c) => (c as HTMLCanvasElement).width > 0)).toBe(true);

    const [download] = await Promise.all([page.waitForEvent('download'), comparison.getByRole('link', { name: 'CSV' }).click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Territoire;Personnes accompagnées;Places conventionnées;Financement engagé (€)');
    expect(lines).toHaveLength(2);
    expect(lines[1]!.startsWith('Arrageois;')).toBe(true);
    const cells = (await rows.first().locator('td').allTextContents()).map((c) => c.replace(/\s/g, ''));
    expect(lines[1]!.split(';')[1]).toBe(cells[0]);
    await page.close();
  });
});

describe('Pilotage indicators on the demo data', () => {
  it('shows the accompaniment, CER and funding cards with values and no unavailable panel', async () => {
    const page = await ui.pageAs('ADMIN');
    await ui.open(page, `/pilotage?du=2026-01-01&au=2026-11-15`);
    expect(await page.locator('.unavailable').allTextContents()).toEqual([]);
    const card = (label: string) => page.locator('.card').filter({ has: page.locator('.card-label', { hasText: new RegExp(`^${label}$`) }) }).locator('.card-value');
    for (const label of ['Personnes accueillies', 'File active', 'CER signés', 'CER en cours']) {
      // An administrator sees exact counts: a number, never « < 11 ».
      expect(await card(label).textContent(), label).toMatch(/^\d[\d\s\u202f]*$/);
    }
    expect(await card('Engagé').textContent()).toMatch(/€/);
    await page.close();
  });
});
