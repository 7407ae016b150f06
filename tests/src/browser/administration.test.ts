import { describe, expect, it } from 'vitest';
import { screenshot, signIn } from '../support/browser.js';
import { expectAccessible, useDashboard } from '../support/dashboard.js';

/** Administrators: users, invitations, imports. */
const ui = useDashboard();

const REFERENT_NAVIGATION = ['Pilotage', 'Couverture', 'Annuaire', 'Parcours'];

describe('Administration', () => {
  it('lists the users, refuses an invitation without e-mail in French, then invites a référent', async () => {
    const page = await ui.pageAs('ADMIN');
    await ui.open(page, `/administration`);
    expect(await page.getByRole('table', { name: 'Comptes du Département' }).getByText('referent.62@demo.passerelles.fr').count()).toBe(1);
    const invite = page.getByRole('form', { name: 'Inviter une personne' });
    await invite.getByLabel('Nom').fill('Nouvelle référente');
    await invite.getByLabel('Rôle').selectOption('REFERENT');
    await invite.getByRole('button', { name: 'Inviter' }).click();
    await expect.poll(() => invite.locator('.error').allTextContents()).toEqual(['Saisissez une adresse e-mail valide.']);
    await invite.getByLabel('Adresse e-mail').fill('nouvelle.referente@test.passerelles.fr');
    await invite.getByRole('button', { name: 'Inviter' }).click();
    await expect.poll(() => invite.getByRole('status').textContent()).toContain('Invitation créée pour nouvelle.referente@test.passerelles.fr');
    const created = await ui.system.db.query<{ role: string; department_code: string }>(
      `select role, department_code from auth.app_user where email = 'nouvelle.referente@test.passerelles.fr'`,
    );
    expect(created.rows).toEqual([{ role: 'REFERENT', department_code: '62' }]);

    // The person follows the link, chooses a password (checked in French), then signs in.
    await invite.getByRole('status').getByRole('link').click();
    await page.waitForURL((url) => url.pathname.startsWith('/invitation/'));
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    await expectAccessible(page);
    await screenshot(page, 'invitation');
    const password = 'un mot de passe assez long';
    await page.getByLabel('Mot de passe', { exact: true }).fill(password);
    await page.getByLabel('Confirmation du mot de passe').fill('autre chose encore');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Les deux mots de passe ne sont pas identiques.');
    await page.getByLabel('Mot de passe', { exact: true }).fill(password);
    await page.getByLabel('Confirmation du mot de passe').fill(password);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Votre mot de passe est enregistré.');
    await ui.browser.context.clearCookies();
    await signIn(page, ui.url, 'nouvelle.referente@test.passerelles.fr', password);
    const links = await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link').allTextContents();
    expect(links.map((l) => l.trim())).toEqual(REFERENT_NAVIGATION);
    await page.close();
  });
});
