import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { DEMO_PASSWORD } from '@passerelles/db';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { ACCOUNTS, expectAccessible, useDashboard } from '../support/dashboard.js';
import { gatewayOrigin, gatewayQuery, login } from '../support/system.js';

/** Administrators: « Journal des accès » (filters, pages, CSV export) and invitations waiting, sent again, revoked. */
const ui = useDashboard();
const soon = { timeout: 20_000 };

const userId = async (email: string): Promise<string> => (await ui.system.db.query<{ id: string }>('select id from auth.app_user where email = $1', [email])).rows[0]!.id;

/** Appends a line as the subgraphs do (`recordAccess`), at a chosen instant. */
async function logLine(user: string, role: string, operation: string, at: string, records: string[]): Promise<void> {
  await ui.system.db.query(
    `insert into audit.access_log (department_code, at, user_id, role, operation, record_type, record_ids) values ('62', $1, $2, $3, $4, 'Beneficiary', $5)`,
    [at, user, role, operation, records],
  );
}

const journal = (page: Page) => page.getByRole('table', { name: /^Accès aux dossiers/ });
const rows = (page: Page): Promise<string[][]> =>
  journal(page)
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].slice(0, 5).map((cell) => (cell.textContent ?? '').trim())));
const filters = (page: Page) => page.getByRole('form', { name: 'Filtres' });

async function filter(page: Page, values: { personne?: string; utilisateur?: string; du?: string; au?: string }): Promise<void> {
  const form = filters(page);
  await form.getByLabel('Personne ou dossier (identifiant)').fill(values.personne ?? '');
  await form.getByLabel('Utilisateur').selectOption(values.utilisateur ?? '');
  await form.getByLabel('Du').fill(values.du ?? '');
  await form.getByLabel('Au').fill(values.au ?? '');
  const shown = (url: URL): boolean =>
    url.pathname === '/administration/journal' && (['personne', 'utilisateur', 'du', 'au'] as const).every((name) => (url.searchParams.get(name) ?? '') === (values[name] ?? ''));
  await Promise.all([page.waitForURL(shown), form.getByRole('button', { name: 'Filtrer' }).click()]);
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
}

/** The invitation link the page shows (its token), from a status message. */
const tokenIn = async (page: Page, testIdOrStatus: string): Promise<string> => {
  const href = await page.getByRole('status').filter({ hasText: testIdOrStatus }).getByRole('link').getAttribute('href');
  return decodeURIComponent(href!.split('/invitation/')[1]!);
};

async function acceptInvitation(page: Page, token: string, password: string): Promise<void> {
  await ui.open(page, `/invitation/${encodeURIComponent(token)}`);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByLabel('Confirmation du mot de passe').fill(password);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
}

describe('Journal des accès', () => {
  it('filters by person, by user and by days (in Paris), pages, and exports the filtered lines as CSV', async () => {
    const person = randomUUID();
    const other = randomUUID();
    const referent = await userId(ACCOUNTS.REFERENT);
    const operator = await userId(ACCOUNTS.OPERATOR);
    // An account whose name a spreadsheet would take for a formula.
    const formula = randomUUID();
    await ui.system.db.query(`insert into auth.app_user (id, department_code, email, display_name, role) values ($1, '62', $2, '=1+1 Formule', 'REFERENT')`, [
      formula,
      `formule-${formula.slice(0, 8)}@test.passerelles.fr`,
    ]);
    // In the order they happen, as the log is appended to (newest first is by line).
    await logLine(referent, 'REFERENT', 'READ', '2026-03-02T09:15:00Z', [person]);
    await logLine(referent, 'REFERENT', 'READ', '2026-03-04T08:00:00Z', [other]);
    await logLine(operator, 'OPERATOR', 'UPDATE', '2026-03-05T14:00:00Z', [person]);
    await logLine(formula, 'REFERENT', 'READ', '2026-03-06T10:00:00Z', [person]);
    // 23:30 UTC on 9 March is 00:30 on 10 March in Paris.
    await logLine(referent, 'REFERENT', 'READ', '2026-03-09T23:30:00Z', [person, other]);

    const page = await ui.pageAs('ADMIN');
    await ui.open(page, '/administration');
    await page.getByRole('link', { name: 'Journal des accès' }).click();
    await page.waitForURL((url) => url.pathname === '/administration/journal');
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Journal des accès');

    await filter(page, { personne: person });
    expect(await rows(page)).toEqual([
      ['10 mars 2026, 00:30', 'Référente santé Arrageois', 'Référent', 'Consultation', 'Personne'],
      ['6 mars 2026, 11:00', '=1+1 Formule', 'Référent', 'Consultation', 'Personne'],
      ['5 mars 2026, 15:00', 'Croix-Rouge Pas-de-Calais', 'Opérateur', 'Modification', 'Personne'],
      ['2 mars 2026, 10:15', 'Référente santé Arrageois', 'Référent', 'Consultation', 'Personne'],
    ]);
    await expectAccessible(page);
    await screenshot(page, 'journal-des-acces');

    await filter(page, { personne: person, utilisateur: referent });
    expect((await rows(page)).map((r) => r[0])).toEqual(['10 mars 2026, 00:30', '2 mars 2026, 10:15']);
    await filter(page, { utilisateur: referent, du: '2026-03-03', au: '2026-03-10' });
    expect((await rows(page)).map((r) => r[0])).toEqual(['10 mars 2026, 00:30', '4 mars 2026, 09:00']);
    // The last day is a day in Paris: 00:30 on the 10th is not on the 9th.
    await filter(page, { personne: person, du: '2026-03-03', au: '2026-03-09' });
    expect((await rows(page)).map((r) => r[1])).toEqual(['=1+1 Formule', 'Croix-Rouge Pas-de-Calais']);

    // The export has every line of the filters, the names, and no formula.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Exporter ces lignes (CSV)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^journal-des-acces-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('date_heure_paris;utilisateur;identifiant_utilisateur;role;operation;type_dossier;dossiers;identifiant_ligne');
    expect(lines.slice(1).map((l) => l.split(';').slice(0, 7))).toEqual([
      ['2026-03-06 11:00:00', "'=1+1 Formule", formula, 'Référent', 'Consultation', 'Personne', person],
      ['2026-03-05 15:00:00', 'Croix-Rouge Pas-de-Calais', operator, 'Opérateur', 'Modification', 'Personne', person],
    ]);

    // Not an id: said in French on the field, nothing asked of the API.
    await filter(page, { personne: 'dupont' });
    expect(await page.locator('#filtre-personne-erreur').textContent()).toBe('Saisissez l’identifiant complet de la personne ou de l’enregistrement (36 caractères).');
    expect(await filters(page).getByLabel('Personne ou dossier (identifiant)').getAttribute('aria-invalid')).toBe('true');
    await page.close();
  });

  it('pages 50 lines at a time, keeping the filters', async () => {
    const person = randomUUID();
    const referent = await userId(ACCOUNTS.REFERENT);
    await ui.system.db.query(
      `insert into audit.access_log (department_code, at, user_id, role, operation, record_type, record_ids)
       select '62', timestamptz '2026-02-01 08:00Z' + i * interval '1 minute', $1, 'REFERENT', 'READ', 'Beneficiary', array[$2] from generate_series(1, 62) i`,
      [referent, person],
    );
    const page = await ui.pageAs('ADMIN');
    await ui.open(page, `/administration/journal?personne=${person}`);
    expect(await journal(page).locator('tbody tr').count()).toBe(50);
    await page.getByRole('link', { name: 'Page suivante' }).click();
    await expect.poll(() => journal(page).locator('tbody tr').count(), soon).toBe(12);
    expect(new URL(page.url()).searchParams.get('personne')).toBe(person);
    expect(await page.getByRole('link', { name: 'Page suivante' }).count()).toBe(0);
    expect((await rows(page)).at(-1)![0]).toBe('1er févr. 2026, 09:01');
    await page.close();
  });
});

describe('Invitations', () => {
  it('shows an invitation waiting, sends it again (the old link fails), then revokes it (accepting fails)', async () => {
    const email = `invitee.${randomUUID().slice(0, 8)}@test.passerelles.fr`;
    const name = `Invitée ${email.slice(8, 16)}`;
    const page = await ui.pageAs('ADMIN');
    await ui.open(page, '/administration');
    const invite = page.getByRole('form', { name: 'Inviter une personne' });
    await invite.getByLabel('Adresse e-mail').fill(email);
    await invite.getByLabel('Nom').fill(name);
    await invite.getByLabel('Rôle').selectOption('STEERING');
    await invite.getByRole('button', { name: 'Inviter' }).click();
    await expect.poll(() => invite.getByRole('status').textContent(), soon).toContain(`Invitation créée pour ${email}`);
    const first = await tokenIn(page, 'Invitation créée');

    await ui.open(page, '/administration');
    const row = page.getByRole('table', { name: 'Comptes du Département' }).getByRole('row', { name: new RegExp(`^${name}`) });
    const state = (): Promise<string> => row.locator('td').nth(4).innerText();
    expect(await state()).toMatch(/^Invitation en attente\s+envoyée le \d{1,2}(er)? .+ \d{4}, \d{2}:\d{2}, expire le \d{1,2}(er)? .+ \d{4}, \d{2}:\d{2}$/);
    await expectAccessible(page);

    await row.getByRole('button', { name: `Renvoyer l’invitation de ${name}` }).click();
    await expect.poll(() => page.getByTestId('invitation-renvoyee').textContent(), soon).toContain(`Invitation renvoyée à ${email}`);
    const second = await tokenIn(page, 'Invitation renvoyée');
    expect(second).not.toBe(first);
    expect(await state()).toContain('Invitation en attente');

    // The person follows the first link: it no longer works.
    const visitor = await ui.browser.newPage();
    await acceptInvitation(visitor, first, 'un mot de passe assez long');
    await expect.poll(() => visitor.getByRole('alert').textContent(), soon).toBe('Invitation inconnue, déjà utilisée ou expirée.');

    await row.getByRole('button', { name: `Révoquer l’invitation de ${name}` }).click();
    const confirm = page.getByRole('form', { name: 'Confirmer la révocation de l’invitation' });
    await expect.poll(() => confirm.getByRole('alert').textContent(), soon).toContain(`Révoquer l’invitation de ${name} ?`);
    await confirm.getByRole('button', { name: 'Confirmer la révocation' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'est révoquée' }).textContent(), soon).toContain(`L’invitation de ${name} est révoquée`);
    await expect.poll(state, soon).toBe('Invitation révoquée');
    expect(await row.getByRole('button', { name: `Renvoyer l’invitation de ${name}` }).count()).toBe(0);

    // The second link fails too, and the account cannot be used.
    await acceptInvitation(visitor, second, 'un mot de passe assez long');
    await expect.poll(() => visitor.getByRole('alert').textContent(), soon).toBe('Invitation inconnue, déjà utilisée ou expirée.');
    const stored = await ui.system.db.query<{ active: boolean; password_hash: string | null }>('select active, password_hash from auth.app_user where email = $1', [email]);
    expect(stored.rows).toEqual([{ active: false, password_hash: null }]);
    const signIn = await fetch(`${gatewayOrigin(ui.system)}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'un mot de passe assez long' }) });
    expect(signIn.status).toBe(401);
    await visitor.close();
    await page.close();
  });
});

describe('Refused to other roles', () => {
  it('answers 403 to a référent on the page and the export, and FORBIDDEN from the API', async () => {
    const page = await ui.pageAs('REFERENT');
    expect((await page.goto(`${ui.url}/administration/journal`))!.status()).toBe(403);
    expect(await page.getByText('Votre rôle ne donne pas accès à cette partie de Passerelles.').count()).toBe(1);
    expect((await page.goto(`${ui.url}/administration/journal/export?du=2026-01-01`))!.status()).toBe(403);
    await page.close();

    const token = await login(ui.system, ACCOUNTS.REFERENT, DEMO_PASSWORD);
    const log = await gatewayQuery(ui.system, token, '{ accessLog(first: 5, from: "2026-01-01", to: "2026-12-31") { nodes { id userDisplayName } } }');
    expect(log.data).toBeNull();
    expect(log.errors.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const someone = await userId(ACCOUNTS.PRESCRIBER);
    for (const field of ['reinviteUser', 'revokeInvitedUser']) {
      const answer = await gatewayQuery(ui.system, token, `mutation ($id: ID!) { ${field}(id: $id) { ok } }`, { id: someone });
      expect(answer.errors.map((e) => e.extensions?.code), field).toEqual(['FORBIDDEN']);
    }
  });
});
