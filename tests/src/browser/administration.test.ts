import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, signIn } from '../support/browser.js';
import { expectAccessible, useDashboard } from '../support/dashboard.js';

/** Administrators: users (invitation, role, deactivation), territories, imports. */
const ui = useDashboard();

const REFERENT_NAVIGATION = ['Pilotage', 'Couverture', 'Annuaire', 'Parcours'];
const soon = { timeout: 20_000 };

/** The beneficiaries CSV export's columns (docs/beneficiaries.md). */
const HEADER =
  'identifiant;nom;prenom;date_naissance;numero_caf;sexe;commune_insee;type_foyer;date_entree_rsa;orientation;freins;difficultes_psychiques;programme;operateur;convention;referent;prescripteur;date_prescription;date_validation;date_premier_entretien;date_bilan_final;date_sortie;motif_sortie;sous_motif_sortie';

async function idOf(sql: string, params: unknown[]): Promise<string> {
  const { rows } = await ui.system.db.query<{ id: string }>(sql, params);
  if (!rows[0]) throw new Error(`nothing for ${sql}`);
  return rows[0].id;
}

/** Puts a file (made in the test: synthetic data only) in a file input. */
const attach = (page: Page, label: string, name: string, content: string): Promise<void> =>
  page.getByLabel(label, { exact: true }).setInputFiles({ name, mimeType: name.endsWith('.csv') ? 'text/csv' : 'application/json', buffer: Buffer.from(content, 'utf8') });

const report = (page: Page) => page.getByTestId('rapport-import');
const rejectedRows = (page: Page): Promise<string[][]> =>
  report(page)
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent ?? '')));

describe('Administration', () => {
  it('lists the users, refuses an invitation without e-mail in French, then invites a référent of a territory', async () => {
    const page = await ui.pageAs('ADMIN');
    await ui.open(page, `/administration`);
    const accounts = page.getByRole('table', { name: 'Comptes du Département' });
    expect(await accounts.getByText('referent.62@demo.passerelles.fr').count()).toBe(1);
    // Roles in French, and the territories of those limited to some.
    expect(await accounts.getByRole('row', { name: /^Référente santé Arrageois/ }).locator('td').allTextContents()).toEqual(
      expect.arrayContaining(['Référent', 'Arrageois']),
    );
    expect(await accounts.getByRole('row', { name: /^Croix-Rouge Pas-de-Calais/ }).locator('td').nth(2).textContent()).toBe('Croix-Rouge française — délégation du Pas-de-Calais');
    const invite = page.getByRole('form', { name: 'Inviter une personne' });
    await invite.getByLabel('Nom').fill('Nouvelle référente');
    await invite.getByLabel('Rôle').selectOption('REFERENT');
    await invite.getByLabel('Arrageois').check();
    await invite.getByRole('button', { name: 'Inviter' }).click();
    await expect.poll(() => invite.locator('.error').allTextContents(), soon).toEqual(['Saisissez une adresse e-mail valide.']);
    expect(await invite.getByLabel('Adresse e-mail').getAttribute('aria-invalid')).toBe('true');
    await invite.getByLabel('Adresse e-mail').fill('nouvelle.referente@test.passerelles.fr');
    await invite.getByRole('button', { name: 'Inviter' }).click();
    await expect.poll(() => invite.getByRole('status').textContent(), soon).toContain('Invitation créée pour nouvelle.referente@test.passerelles.fr');
    const created = await ui.system.db.query<{ role: string; department_code: string; territory_ids: string[] }>(
      `select role, department_code, territory_ids from auth.app_user where email = 'nouvelle.referente@test.passerelles.fr'`,
    );
    expect(created.rows).toEqual([{ role: 'REFERENT', department_code: '62', territory_ids: ['62-arrageois'] }]);
    // Territories: communes counted, provenance said in French.
    const territories = page.getByRole('table', { name: 'Territoires du Département' });
    expect(await territories.locator('tbody tr').count()).toBe(9);
    const communes = await ui.system.db.query<{ n: string }>(`select count(*)::text as n from ref.territory_commune where territory_id = '62-arrageois'`);
    expect(await territories.getByRole('row', { name: /^Arrageois/ }).locator('td').nth(1).textContent()).toBe(communes.rows[0]!.n);
    expect(await territories.getByRole('row', { name: /^Arrageois/ }).locator('td').nth(2).textContent()).toContain('Approximation reconstituée à partir des EPCI');
    await expectAccessible(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'administration-utilisateurs');

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
    await expect.poll(() => page.getByRole('alert').textContent(), soon).toBe('Les deux mots de passe ne sont pas identiques.');
    await page.getByLabel('Mot de passe', { exact: true }).fill(password);
    await page.getByLabel('Confirmation du mot de passe').fill(password);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), soon).toContain('Votre mot de passe est enregistré.');
    await ui.browser.context.clearCookies();
    await signIn(page, ui.url, 'nouvelle.referente@test.passerelles.fr', password);
    const links = await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link').allTextContents();
    expect(links.map((l) => l.trim())).toEqual(REFERENT_NAVIGATION);
    await page.close();
  });

  it('changes a user’s role, then deactivates the account, each after a confirmation', async () => {
    const email = `compte.${randomUUID().slice(0, 8)}@test.passerelles.fr`;
    const name = `Compte à modifier ${email.slice(7, 15)}`;
    await ui.system.db.query(`insert into auth.app_user (department_code, email, display_name, role, territory_ids) values ('62', $1, $2, 'PRESCRIBER', '{62-arrageois}')`, [email, name]);
    const stored = async (): Promise<{ role: string; partner_id: string | null; territory_ids: string[]; active: boolean }> =>
      (await ui.system.db.query(`select role, partner_id, territory_ids, active from auth.app_user where email = $1`, [email])).rows[0];
    const operator = await idOf(`select id from partners.partner where department_code = '62' and name = 'CSAPA de Lens'`, []);

    const page = await ui.pageAs('ADMIN');
    await ui.open(page, '/administration');
    const row = page.getByRole('table', { name: 'Comptes du Département' }).getByRole('row', { name: new RegExp(`^${name}`) });
    await row.getByText('Modifier le rôle').click();
    await row.getByLabel('Nouveau rôle').selectOption('OPERATOR');
    await row.getByRole('button', { name: 'Changer le rôle' }).click();
    // No structure chosen: refused in French, nothing changed.
    await expect.poll(() => row.locator('.error').textContent(), soon).toBe('Choisissez la structure pour laquelle travaille l’opérateur.');
    if (!(await row.locator('details').evaluate((d) => (d as HTMLDetailsElement).open))) await row.getByText('Modifier le rôle').click();
    await row.getByLabel('Nouveau rôle').selectOption('OPERATOR');
    await row.getByLabel('Structure de l’opérateur').selectOption(operator);
    await row.getByRole('button', { name: 'Changer le rôle' }).click();
    const confirm = page.getByRole('form', { name: 'Confirmer le changement de rôle' });
    await expect.poll(() => confirm.getByRole('alert').textContent(), soon).toContain(`${name} : Prescripteur → Opérateur (CSAPA de Lens)`);
    expect((await stored()).role).toBe('PRESCRIBER');
    await confirm.getByRole('button', { name: 'Confirmer le changement' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Le rôle de' }).textContent(), soon).toContain(`Le rôle de ${name} est maintenant « Opérateur »`);
    // An operator works for its structure, not for territories.
    expect(await stored()).toEqual({ role: 'OPERATOR', partner_id: operator, territory_ids: [], active: true });

    await row.getByRole('button', { name: `Désactiver ${name}` }).click();
    const deactivate = page.getByRole('form', { name: 'Confirmer la désactivation' });
    await expect.poll(() => deactivate.getByRole('alert').textContent(), soon).toContain(`Désactiver le compte de ${name} ?`);
    expect((await stored()).active).toBe(true);
    await deactivate.getByRole('button', { name: 'Confirmer la désactivation' }).click();
    await expect.poll(() => row.locator('td').nth(4).textContent(), soon).toBe('désactivé');
    expect((await stored()).active).toBe(false);
    await page.close();
  });

  it('imports a beneficiaries CSV: a bad row is reported with its line and column and nothing is written; the fixed file is imported', async () => {
    const tag = randomUUID().slice(0, 8).toUpperCase();
    const programme = await idOf(`select id from funding.programme where department_code = '62' and name = 'Référent spécifique santé'`, []);
    const operator = await idOf(`select id from partners.partner where department_code = '62' and name = 'Croix-Rouge française — délégation du Pas-de-Calais'`, []);
    // Synthetic people (no real person), in Arras.
    const file = (birth: string): string =>
      [
        HEADER,
        `TEST-${tag}-1;Exemple;Camille;12/03/1981;;F;62041;personne seule;01/02/2017;sociale;santé;;${programme};${operator};;;;05/01/2026;;;;;;`,
        `TEST-${tag}-2;Fictif;Dominique;${birth};;M;62041;couple;01/02/2015;socio-professionnelle;;;;;;;;;;;;;;`,
      ].join('\r\n');
    const written = async (): Promise<number> =>
      Number((await ui.system.db.query<{ n: string }>(`select count(*)::text as n from beneficiaries.beneficiary where department_code = '62' and external_ref like $1`, [`TEST-${tag}-%`])).rows[0]!.n);

    const page = await ui.pageAs('ADMIN');
    await ui.open(page, '/administration');
    expect(await written()).toBe(0);
    await attach(page, 'Fichier des personnes (CSV), ou des structures data·inclusion (JSON)', 'export.csv', file('31/02/1980'));
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await expect.poll(() => report(page).locator('h3').textContent(), soon).toBe('Rapport de vérification');
    expect(await rejectedRows(page)).toEqual([['ligne 3', 'date_naissance', '« 31/02/1980 » n’est pas une date au format JJ/MM/AAAA']]);
    expect(await report(page).getByRole('status').textContent()).toContain('rien ne sera importé');
    expect(await report(page).getByRole('button', { name: 'Confirmer l’import' }).isDisabled()).toBe(true);
    expect(await written()).toBe(0);
    await expectAccessible(page);
    await report(page).scrollIntoViewIfNeeded();
    await screenshot(page, 'import-rapport-rejets');

    await attach(page, 'Fichier des personnes (CSV), ou des structures data·inclusion (JSON)', 'export.csv', file('28/02/1980'));
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await expect.poll(() => report(page).getByRole('status').textContent(), soon).toBe('À importer : 2 personnes et 1 accompagnement (2 lignes lues).');
    expect(await rejectedRows(page)).toEqual([]);
    expect(await written()).toBe(0);
    await report(page).getByRole('button', { name: 'Confirmer l’import' }).click();
    await expect.poll(() => report(page).locator('h3').textContent(), soon).toBe('Import terminé');
    expect(await report(page).getByRole('status').textContent()).toBe('Importés : 2 personnes et 1 accompagnement (2 lignes lues).');
    expect(await written()).toBe(2);
    await page.close();
  });

  it('imports a file larger than the gateway’s ordinary body limit (about 600 KB, 6 000 people), and refuses one over 2 Mo in French', async () => {
    const tag = randomUUID().slice(0, 8).toUpperCase();
    const communes = ['62041', '62099', '62173', '62240'];
    // Synthetic people only (no real person): numbered names, no accompaniment.
    const lines = [HEADER];
    for (let i = 1; Buffer.byteLength(lines.join('\r\n')) < 600_000; i++) {
      lines.push(`TEST-${tag}-${i};Exemple${i};Camille;12/03/1981;;F;${communes[i % communes.length]};personne seule;01/02/2017;sociale;santé;;;;;;;;;;;;;`);
    }
    const people = lines.length - 1;
    const written = async (): Promise<number> =>
      Number((await ui.system.db.query<{ n: string }>(`select count(*)::text as n from beneficiaries.beneficiary where department_code = '62' and external_ref like $1`, [`TEST-${tag}-%`])).rows[0]!.n);
    const slow = { timeout: 90_000 };

    const page = await ui.pageAs('ADMIN');
    await ui.open(page, '/administration');
    await attach(page, 'Fichier des personnes (CSV), ou des structures data·inclusion (JSON)', 'export-annuel.csv', lines.join('\r\n'));
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await expect.poll(() => report(page).getByRole('status').textContent(), slow).toBe(`À importer : ${people} personnes et 0 accompagnement (${people} lignes lues).`);
    expect(await written()).toBe(0);
    await report(page).getByRole('button', { name: 'Confirmer l’import' }).click();
    await expect.poll(() => report(page).locator('h3').textContent(), slow).toBe('Import terminé');
    expect(await written()).toBe(people);

    // Over 2 Mo: said in French on the file field, before anything is sent to the API.
    await ui.open(page, '/administration');
    await attach(page, 'Fichier des personnes (CSV), ou des structures data·inclusion (JSON)', 'trop-gros.csv', `${HEADER}\r\n${'x'.repeat(2 * 1024 * 1024)}`);
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await expect.poll(() => page.locator('#import-file-erreur').textContent(), soon).toBe(
      'Choisissez le fichier CSV des personnes, de 2 Mo au plus ; un fichier plus gros s’importe avec la commande d’import (voir la documentation).',
    );
    expect(await page.getByLabel('Fichier des personnes (CSV), ou des structures data·inclusion (JSON)', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await page.close();
  }, 240_000); // two polls of up to 90 s each (a 6 000-line import on a busy 2-core machine)

  it('imports data·inclusion structures and services the same way, and the directory finds them', async () => {
    const source = `test-${randomUUID().slice(0, 8)}`;
    const structure = (codeInsee: string): string =>
      JSON.stringify([
        {
          id: `${source}-s1`,
          source,
          nom: `Maison de santé fictive ${source}`,
          siret: null,
          description: 'Structure de test (données synthétiques).',
          commune: 'Arras',
          code_insee: codeInsee,
          code_postal: '62000',
          adresse: '1 rue de l’Exemple',
          complement_adresse: null,
          latitude: null,
          longitude: null,
          telephone: null,
          courriel: null,
          site_web: null,
          lien_source: null,
          horaires_accueil: 'Mo-Fr 09:00-12:00',
          accessibilite_lieu: null,
          reseaux_porteurs: null,
          date_maj: '2026-01-15',
        },
      ]);
    const services = JSON.stringify([
      {
        id: `${source}-v1`,
        source,
        structure_id: `${source}-s1`,
        nom: 'Consultation de prévention fictive',
        description: 'Service de test (données synthétiques).',
        type: 'accompagnement',
        thematiques: ['sante--acces-aux-soins'],
        frais: 'gratuit',
        publics: ['beneficiaires-des-minimas-sociaux'],
        modes_accueil: ['en-presentiel'],
        zone_eligibilite: ['62'],
        date_maj: '2026-01-15',
      },
    ]);
    const listed = async (): Promise<{ partners: number; services: number }> =>
      (
        await ui.system.db.query<{ partners: number; services: number }>(
          `select (select count(*)::int from partners.partner where source = $1) as partners, (select count(*)::int from partners.service where source = $1) as services`,
          [source],
        )
      ).rows[0]!;

    const page = await ui.pageAs('ADMIN');
    await ui.open(page, '/administration');
    await page.getByLabel('Type de fichier').selectOption('DATA_INCLUSION');
    await attach(page, 'Fichier des structures (JSON)', 'structures.json', structure('99999'));
    await attach(page, 'Fichier des services data·inclusion (JSON)', 'services.json', services);
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await expect.poll(() => rejectedRows(page), soon).toEqual([[`structure n° 1 (${source}-s1)`, 'code_insee', 'code INSEE inconnu du code officiel géographique : "99999"']]);
    expect(await report(page).getByRole('button', { name: 'Confirmer l’import' }).isDisabled()).toBe(true);
    expect(await listed()).toEqual({ partners: 0, services: 0 });

    await attach(page, 'Fichier des structures (JSON)', 'structures.json', structure('62041'));
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await expect.poll(() => report(page).getByRole('status').textContent(), soon).toBe('À importer (créés ou mis à jour) : 1 structure et 1 service.');
    expect(await listed()).toEqual({ partners: 0, services: 0 });
    await report(page).getByRole('button', { name: 'Confirmer l’import' }).click();
    await expect.poll(() => report(page).locator('h3').textContent(), soon).toBe('Import terminé');
    expect(await report(page).getByRole('status').textContent()).toBe('Importés : 1 structure créée et 0 mise à jour ; 1 service créé et 0 mis à jour.');
    expect(await listed()).toEqual({ partners: 1, services: 1 });

    // Found by words of its name (the random test id is not a word users type).
    await ui.open(page, `/annuaire?q=${encodeURIComponent('maison de sante fictive')}`);
    await expect.poll(() => page.getByTestId('resultats-structures').locator('h3').allTextContents(), soon).toContain(`Maison de santé fictive ${source}`);
    await page.close();
  });
});
