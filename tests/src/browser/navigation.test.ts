import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { ACCOUNTS, expectAccessible, useDashboard } from '../support/dashboard.js';

/** Login, the navigation each role gets, the sections it is refused, and every page's accessibility. */
const ui = useDashboard();

const NAVIGATION = {
  ADMIN: ['Pilotage', 'Couverture', 'Annuaire', 'Parcours', 'Orientations reçues', 'Réorientations', 'Conventions & financements', 'Administration'],
  STEERING: ['Pilotage', 'Couverture', 'Annuaire', 'Conventions & financements'],
  REFERENT: ['Pilotage', 'Couverture', 'Annuaire', 'Parcours'],
  OPERATOR: ['Pilotage', 'Couverture', 'Annuaire', 'Parcours', 'Orientations reçues', 'Conventions & financements'],
  PRESCRIBER: ['Pilotage', 'Couverture', 'Annuaire', 'Parcours'],
} as const;

const PATHS: Record<string, string> = {
  Pilotage: '/pilotage',
  Couverture: '/couverture',
  Annuaire: '/annuaire',
  Parcours: '/parcours',
  'Orientations reçues': '/orientations',
  Réorientations: '/reorientations',
  'Conventions & financements': '/conventions',
  Administration: '/administration',
};

const ROLE_LABELS = { ADMIN: 'Administration', STEERING: 'Comité de pilotage', REFERENT: 'Référent', OPERATOR: 'Opérateur', PRESCRIBER: 'Prescripteur' };

describe('login and navigation by role', () => {
  it('the login page is accessible and refuses a wrong password in French', async () => {
    const page = await ui.browser.newPage();
    await ui.open(page, `/pilotage`);
    expect(new URL(page.url()).pathname).toBe('/connexion');
    // No OpenID provider is configured here: local accounts only.
    expect(await page.getByRole('link', { name: 'Se connecter avec ProConnect' }).count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'connexion');
    await page.getByLabel('Adresse e-mail').fill(ACCOUNTS.ADMIN);
    await page.getByLabel('Mot de passe').fill('pas le bon mot de passe');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Adresse e-mail ou mot de passe incorrect');
    await page.close();
  });

  for (const role of Object.keys(ACCOUNTS) as (keyof typeof ACCOUNTS)[]) {
    it(`${role} sees their Département, role and only their sections`, async () => {
      const page = await ui.pageAs(role);
      expect(new URL(page.url()).pathname).toBe('/pilotage');
      await expect.poll(() => page.getByTestId('portee').textContent()).toBe(`${ROLE_LABELS[role]} · Pas-de-Calais (62)`);
      const links = await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link').allTextContents();
      expect(links.map((l) => l.trim())).toEqual(NAVIGATION[role]);
      // The sections not shown are refused too, in French.
      for (const [label, path] of Object.entries(PATHS)) {
        if ((NAVIGATION[role] as readonly string[]).includes(label)) continue;
        const response = await ui.open(page, path);
        expect(response?.status(), `${role} ${path}`).toBe(403);
        await expect.poll(() => page.getByRole('alert').textContent()).toContain('Votre rôle ne donne pas accès');
      }
      await page.close();
    });
  }

  it('skip link goes to the main content', async () => {
    const page = await ui.pageAs('STEERING');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Aller au contenu' });
    await expect.poll(() => skip.evaluate((el) => el === document.activeElement)).toBe(true);
    await skip.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('contenu');
    await page.close();
  });
});

describe('every page', () => {
  const pages: [keyof typeof ACCOUNTS, string, string][] = [
    ['ADMIN', '/pilotage', 'pilotage'],
    ['ADMIN', '/pilotage/bilan?annee=2025', 'bilan'],
    ['ADMIN', '/couverture?mesure=structures', 'couverture'],
    ['ADMIN', '/couverture?niveau=communes', 'couverture-communes'],
    ['ADMIN', '/annuaire', 'annuaire'],
    ['ADMIN', '/parcours', 'parcours'],
    ['ADMIN', '/conventions', 'conventions'],
    ['ADMIN', '/administration', 'administration'],
    ['REFERENT', '/parcours', 'parcours-referent'],
    ['OPERATOR', '/conventions', 'conventions-operateur'],
  ];
  it.each(pages)('%s %s loads, has no serious or critical axe violation, and is captured', async (role, path, name) => {
    const page = await ui.pageAs(role);
    const response = await ui.open(page, path);
    expect(response?.status(), path).toBe(200);
    await expect.poll(() => page.locator('h1').textContent()).toBeTruthy();
    await expectAccessible(page);
    await screenshot(page, name);
    await page.close();
  });
});
