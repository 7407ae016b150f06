import { demoIdOf } from '@passerelles/db';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { expectAccessible, useDashboard, type DemoRole } from '../support/dashboard.js';
import { parisToday } from '../support/days.js';

/** « Modifier la fiche »: a structure's operator (or an administrator) maintains its listing from the dashboard. */
const ui = useDashboard();

/** The demo operator's own structure, and one it does not run. */
const croixRouge = demoIdOf.partner('croix-rouge-62');
const mdph = demoIdOf.partner('mdph-62');

/** Navigations load several panels: give them time. */
const soon = { timeout: 15_000 };

/** A day as the dashboard writes it: « 5 décembre 2026 », « 1er mars 2026 ». */
const frenchDay = (iso: string): string =>
  new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T12:00:00Z`)).replace(/^1 /, '1er ');

interface ListingRow {
  opening_hours: string | null;
  phone: string | null;
  step_free_access: boolean | null;
  listing_updated_on: string;
}

async function listingOf(id: string): Promise<ListingRow> {
  const { rows } = await ui.system.db.query<ListingRow>('select opening_hours, phone, step_free_access, listing_updated_on::text from partners.partner where id = $1', [id]);
  return rows[0]!;
}

interface IdentityRow {
  name: string;
  kind: string;
  siret: string | null;
  networks: string[] | null;
  commune_code: string;
}

/** What the Département vouches for: only an administrator changes it. */
async function identityOf(id: string): Promise<IdentityRow> {
  const { rows } = await ui.system.db.query<IdentityRow>('select name, kind, siret, networks, commune_code from partners.partner where id = $1', [id]);
  return rows[0]!;
}

/** The structure form's identity fields, by label. */
const IDENTITY_LABELS = ['Nom de la structure', 'Type de structure', 'SIRET', 'Réseaux', 'Commune (code INSEE)'];

async function placesOf(partnerId: string, name: string): Promise<number | null> {
  const { rows } = await ui.system.db.query<{ capacity_places: number | null }>('select capacity_places from partners.service where partner_id = $1 and name = $2', [partnerId, name]);
  return rows[0]!.capacity_places;
}

const text = async (page: Page, selector: string): Promise<string> => ((await page.locator(selector).textContent()) ?? '').replaceAll('\u00a0', ' ').trim();

const NAMES = { [croixRouge]: 'Croix-Rouge française — délégation du Pas-de-Calais', [mdph]: 'MDPH du Pas-de-Calais' };

/** A tab of the role on a structure's page, loaded. */
async function partnerPage(role: DemoRole, id: string): Promise<Page> {
  const page = await ui.pageAs(role);
  await ui.open(page, `/annuaire/${id}`);
  await expect.poll(() => page.locator('h1').textContent(), soon).toBe(NAMES[id]);
  return page;
}

/** On a structure's page with no « Modifier la fiche », its edit page answers 403 with the French reason. */
async function expectNoEditing(page: Page, id: string): Promise<void> {
  expect(await page.getByRole('link', { name: 'Modifier la fiche' }).count()).toBe(0);
  const response = await ui.open(page, `/annuaire/${id}/modifier`);
  expect(response?.status()).toBe(403);
  expect(await page.locator('main').textContent()).toContain(
    'Vous ne pouvez pas modifier la fiche de cette structure : seuls son opérateur et les administrateurs du Département la tiennent à jour.',
  );
  expect(await page.getByRole('form', { name: 'La structure' }).count()).toBe(0);
}

describe('Modifier la fiche', () => {
  it('lets the operator keep its own listing up to date: a refused value is explained on its field and nothing is written', async () => {
    // A listing last confirmed long ago: saving it must move its « mise à jour le » to today.
    await ui.system.db.query(`update partners.partner set listing_updated_on = '2026-01-15' where id = $1`, [croixRouge]);
    const page = await partnerPage('OPERATOR', croixRouge);
    await page.getByRole('link', { name: 'Modifier la fiche' }).click();
    await page.waitForURL((url) => url.pathname === `/annuaire/${croixRouge}/modifier`);
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    expect(await page.locator('h1').textContent()).toBe('Modifier la fiche — Croix-Rouge française — délégation du Pas-de-Calais');
    expect(await text(page, '[data-testid="mise-a-jour"]')).toContain('Fiche mise à jour le 15 janvier 2026.');
    await expectAccessible(page);
    await screenshot(page, 'fiche-modifier');
    const structure = page.getByRole('form', { name: 'La structure' });
    const hours = structure.getByLabel('Horaires (format OpenStreetMap)');

    // Hours in words are not the directory's format: the API refuses them, the field says why in French.
    const before = await listingOf(croixRouge);
    await hours.fill('du lundi au vendredi de 9h à 12h');
    await structure.getByLabel('Téléphone de l’accueil').fill('03 21 00 00 00');
    await structure.getByRole('button', { name: 'Enregistrer la fiche de la structure' }).click();
    await expect.poll(() => structure.locator('#hours-erreur').textContent(), soon).toMatch(/^Ces horaires ne sont pas au format OpenStreetMap\. Exemple : « Mo-Fr 09:00-12:00,14:00-17:00; PH off »/);
    expect(await hours.getAttribute('aria-invalid')).toBe('true');
    expect(await hours.getAttribute('aria-describedby')).toContain('hours-erreur');
    // The user is taken to the field to correct.
    await expect.poll(() => hours.evaluate((input) => input === document.activeElement), soon).toBe(true);
    expect(await structure.getByRole('alert').first().textContent()).toBe('Rien n’a été enregistré : corrigez les champs signalés.');
    // What was typed is still there, and nothing reached the database (not even the phone).
    expect(await hours.inputValue()).toBe('du lundi au vendredi de 9h à 12h');
    expect(await structure.getByLabel('Téléphone de l’accueil').inputValue()).toBe('03 21 00 00 00');
    expect(await listingOf(croixRouge)).toEqual(before);
    await expectAccessible(page);
    await screenshot(page, 'fiche-horaires-refuses');

    // Good hours (read back in French as they are typed), the phone and step-free access: saved together.
    await hours.fill('Mo-Fr 09:00-12:00,14:00-17:00; PH off');
    await expect
      .poll(async () => ((await structure.locator('#hours-aide').textContent()) ?? '').replaceAll('\u00a0', ' '), soon)
      .toContain('Se lit : du lundi au vendredi, 9 h–12 h et 14 h–17 h ; fermé les jours fériés.');
    await structure.getByRole('group', { name: 'Accès de plain-pied (fauteuil roulant)' }).getByLabel('Oui').check();
    await structure.getByRole('button', { name: 'Enregistrer la fiche de la structure' }).click();
    await expect.poll(() => structure.getByRole('status').textContent(), soon).toBe('La fiche de la structure est enregistrée.');
    expect(await listingOf(croixRouge)).toEqual({
      opening_hours: 'Mo-Fr 09:00-12:00,14:00-17:00; PH off',
      phone: '03 21 00 00 00',
      step_free_access: true,
      listing_updated_on: parisToday(),
    });
    expect(await text(page, '[data-testid="mise-a-jour"]')).toContain(`Fiche mise à jour le ${frenchDay(parisToday())}.`);
    expect(await structure.locator('#hours-erreur').count()).toBe(0);

    // A service's places: a number beyond what a service can have is refused on its field, then a real one is saved.
    const service = page.getByRole('form', { name: 'Service Référent spécifique santé' });
    const places = service.getByLabel('Places');
    expect(await places.inputValue()).toBe('90');
    await places.fill('250000');
    await service.getByRole('button', { name: 'Enregistrer ce service' }).click();
    await expect.poll(() => service.locator('.field .error').textContent(), soon).toBe('Ce nombre de places est hors des limites acceptées (de 0 à 100 000).');
    expect(await places.getAttribute('aria-invalid')).toBe('true');
    expect(await service.getByRole('alert').textContent()).toBe('Les places et le délai d’attente n’ont pas été enregistrés : corrigez les champs signalés.');
    expect(await placesOf(croixRouge, 'Référent spécifique santé')).toBe(90);
    await places.fill('75');
    await service.getByRole('button', { name: 'Enregistrer ce service' }).click();
    await expect.poll(() => service.getByRole('status').textContent(), soon).toBe('Service « Référent spécifique santé » enregistré (places et délai d’attente).');
    expect(await placesOf(croixRouge, 'Référent spécifique santé')).toBe(75);
    await expectAccessible(page);
    await screenshot(page, 'fiche-enregistree');

    // The partner page shows it all, in French.
    await page.getByRole('link', { name: '← Retour à la fiche' }).click();
    await page.waitForURL((url) => url.pathname === `/annuaire/${croixRouge}`);
    await expect.poll(() => text(page, '[data-testid="horaires"]'), soon).toBe('du lundi au vendredi, 9 h–12 h et 14 h–17 h ; fermé les jours fériés');
    expect(await page.locator('dt:text-is("Téléphone") + dd').textContent()).toBe('03 21 00 00 00');
    expect(await page.locator('dt:text-is("Accès de plain-pied (fauteuil roulant)") + dd').textContent()).toBe('oui');
    expect(await page.getByText(`Fiche mise à jour le ${frenchDay(parisToday())}.`).count()).toBe(1);
    expect(await page.getByRole('article', { name: /Référent spécifique santé/ }).textContent()).toContain('75 places');
    await screenshot(page, 'fiche-structure-apres');
    await page.close();
  });

  it('shows the operator its structure’s identity read-only, « Modifiable par le Département », and never sends it', async () => {
    const page = await ui.pageAs('OPERATOR');
    await ui.open(page, `/annuaire/${croixRouge}/modifier`);
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    const structure = page.getByRole('form', { name: 'La structure' });
    expect(await text(page, '[data-testid="identite-departement"]')).toMatch(/^Le nom, le type, le SIRET, les réseaux et la commune de la structure sont tenus par le Département/);
    for (const label of IDENTITY_LABELS) {
      const field = structure.getByLabel(label, { exact: true });
      expect(await field.isEditable(), label).toBe(false);
      expect(await field.getAttribute('name'), label).toBeNull();
      const hint = await page.locator(`#${(await field.getAttribute('aria-describedby'))!.split(' ')[0]!}`).textContent();
      expect(hint, label).toMatch(/Modifiable par le Département\.$/);
    }
    expect(await structure.getByLabel('Nom de la structure').inputValue()).toBe(NAMES[croixRouge]);
    expect(await structure.getByLabel('Type de structure').inputValue()).toBe('Association');
    expect(await structure.getByLabel('Commune (code INSEE)').inputValue()).toBe('Arras (62041)');
    // The practical fields stay editable.
    expect(await structure.getByLabel('Téléphone de l’accueil').isEditable()).toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'fiche-identite-lecture-seule');

    // Posting identity fields anyway: the form action leaves them out, and saves the rest.
    const before = await identityOf(croixRouge);
    const answer = await page.evaluate(async (id) => {
      const body = new FormData();
      for (const [name, value] of [['name', 'Un autre nom'], ['kind', 'CMS'], ['siret', '77567227200011'], ['networks', 'autre'], ['communeCode', '62193'], ['phone', '03 21 44 55 66']]) body.set(name!, value!);
      const response = await fetch(`/annuaire/${id}/modifier?/structure`, { method: 'POST', body, headers: { 'x-sveltekit-action': 'true' } });
      return ((await response.json()) as { type: string }).type;
    }, croixRouge);
    expect(answer).toBe('success');
    expect(await identityOf(croixRouge)).toEqual(before);
    expect((await listingOf(croixRouge)).phone).toBe('03 21 44 55 66');
    await page.close();
  });

  it('refuses the operator another structure’s listing: no link, 403 on the page, and its form action refused', async () => {
    const page = await partnerPage('OPERATOR', mdph);
    await expectNoEditing(page, mdph);

    // Posting the form anyway: refused before the API is asked, and nothing is written.
    const before = await listingOf(mdph);
    const answer = await page.evaluate(async (id) => {
      const body = new FormData();
      body.set('name', 'MDPH du Pas-de-Calais');
      body.set('communeCode', '62041');
      body.set('phone', '03 00 00 00 00');
      const response = await fetch(`/annuaire/${id}/modifier?/structure`, { method: 'POST', body, headers: { 'x-sveltekit-action': 'true' } });
      return { status: response.status, body: (await response.json()) as { type: string; error?: { message?: string } } };
    }, mdph);
    expect(answer.status).toBe(403);
    expect(answer.body.type).toBe('error');
    expect(answer.body.error?.message).toMatch(/^Vous ne pouvez pas modifier la fiche de cette structure/);
    expect(await listingOf(mdph)).toEqual(before);
    await page.close();
  });

  it('shows a steering member no link, and refuses the edit page with 403', async () => {
    const page = await partnerPage('STEERING', croixRouge);
    await expectNoEditing(page, croixRouge);
    await page.close();
  });

  it('lets an administrator edit any listing of the Département', async () => {
    const page = await partnerPage('ADMIN', mdph);
    await page.getByRole('link', { name: 'Modifier la fiche' }).click();
    await page.waitForURL((url) => url.pathname === `/annuaire/${mdph}/modifier`);
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
    const structure = page.getByRole('form', { name: 'La structure' });
    // The identity is the Département's: an administrator changes it here.
    for (const label of IDENTITY_LABELS) expect(await structure.getByLabel(label, { exact: true }).isEditable(), label).toBe(true);
    expect(await page.locator('[data-testid="identite-departement"]').count()).toBe(0);
    const identity = await identityOf(mdph);
    // The hours already there are kept as they are; the phone and the SIRET change.
    expect(await structure.getByLabel('Horaires (format OpenStreetMap)').inputValue()).toBe('Mo-Fr 09:00-12:00,14:00-16:30');
    await structure.getByLabel('Téléphone de l’accueil').fill('03 21 11 22 33');
    await structure.getByLabel('SIRET').fill('200 041 614 00015');
    await structure.getByRole('button', { name: 'Enregistrer la fiche de la structure' }).click();
    await expect.poll(() => structure.getByRole('status').textContent(), soon).toBe('La fiche de la structure est enregistrée.');
    expect(await listingOf(mdph)).toMatchObject({ opening_hours: 'Mo-Fr 09:00-12:00,14:00-16:30', phone: '03 21 11 22 33', step_free_access: true, listing_updated_on: parisToday() });
    expect(await identityOf(mdph)).toEqual({ ...identity, siret: '20004161400015' });
    await page.close();
  });
});
