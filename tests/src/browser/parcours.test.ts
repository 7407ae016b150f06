import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { expectAccessible, useDashboard } from '../support/dashboard.js';

/** A référent's caseload, one person's path, and the forms that record it. */
const ui = useDashboard();

describe('Parcours', () => {
  it('a référent opens a person of their caseload and sees the path with no unavailable panel', async () => {
    const page = await ui.pageAs('REFERENT');
    await ui.open(page, `/parcours`);
    expect(await page.locator('.unavailable').allTextContents()).toEqual([]);
    const people = page.locator('tbody th a');
    expect(await people.count()).toBeGreaterThan(0);
    await people.first().click();
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/^Parcours — \S/);
    expect(await page.locator('.unavailable').allTextContents()).toEqual([]);
    await expectAccessible(page);
    await screenshot(page, 'parcours-personne');
    // Records a planned appointment on the open accompaniment (recordAppointment).
    const appointments = page.locator('h2:text-is("Rendez-vous") + ul li');
    const before = await appointments.count();
    await page.getByLabel('Date', { exact: true }).fill('2026-12-01');
    await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Entretien intermédiaire' });
    await page.locator('form[action="?/rendezVous"] button[type="submit"]').click();
    await expect.poll(() => page.locator('form[action="?/rendezVous"] [role="status"], form[action="?/rendezVous"] [role="alert"]').allTextContents()).toEqual(['Enregistré.']);
    await expect.poll(() => appointments.allTextContents()).toContainEqual(expect.stringContaining('Entretien intermédiaire (prévu)'));
    expect(await appointments.count()).toBeGreaterThanOrEqual(before);
    await page.close();
  });
});
