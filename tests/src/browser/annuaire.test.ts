import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from '../support/browser.js';
import { ACCOUNTS, expectAccessible, unavailableNotices, useDashboard } from '../support/dashboard.js';
import { parisToday } from '../support/days.js';

/** The partner directory: instant search with filters and a map, a partner's page, « Orienter ». */
const ui = useDashboard();

const structures = (page: Page): Promise<string[]> => page.getByTestId('resultats-structures').locator('h3').allTextContents();
const count = (page: Page): Promise<string | null> => page.getByTestId('nombre-resultats').textContent();

/** Navigations load several panels: give them time. */
const soon = { timeout: 15_000 };

/** Today in Paris, as the dashboard dates a referral. */

describe('Annuaire', () => {
  it('finds structures as the référent types, then narrows them to those open to the person’s commune, nearest first', async () => {
    const page = await ui.pageAs('REFERENT');
    await ui.open(page, '/annuaire');
    const search = page.getByLabel('Rechercher une structure ou un service');
    await search.pressSequentially('mdph pas');
    await page.waitForURL((url) => url.searchParams.get('q') === 'mdph pas');
    await expect.poll(() => structures(page), soon).toEqual(['MDPH du Pas-de-Calais']);
    expect(await count(page)).toBe('1 structure trouvée');
    // The map of the results: one marker, at the structure's commune, named in French.
    const markers = page.getByTestId('carte-resultats').locator('circle');
    await expect.poll(() => markers.count(), soon).toBe(1);
    expect(await markers.first().locator('title').textContent()).toBe('MDPH du Pas-de-Calais (Arras)');
    expect(await page.getByTestId('resultats-structures').locator(':scope > li > p.muted').first().textContent()).toContain('MDPH · Arras');

    // A typo is forgiven; the matching service is listed with its thème in French.
    await search.fill('');
    await search.pressSequentially('adictologie');
    await expect.poll(() => structures(page), soon).toEqual(['CSAPA de Lens']);
    expect(await page.getByTestId('resultats-structures').textContent()).toContain('Consultations d’addictologie — Addictions');

    // The person lives in Lens: only what is open to Lens, from the nearest; the CAARUD of the Calaisis is not.
    await search.fill('');
    await search.dispatchEvent('input');
    await page.waitForURL((url) => !url.searchParams.has('q'));
    await expect.poll(() => structures(page), soon).toContain('CAARUD du Calaisis');
    await page.getByLabel('Commune de la personne').pressSequentially('Lens');
    await page.waitForURL((url) => url.searchParams.get('commune') === 'Lens');
    await expect.poll(() => count(page), soon).toMatch(/^\d+ structures trouvées, ouvertes aux habitants de Lens, de la plus proche à la plus lointaine$/);
    const open = await structures(page);
    expect(open).toContain('CSAPA de Lens');
    expect(open).not.toContain('CAARUD du Calaisis');
    const places = await page.getByTestId('resultats-structures').locator(':scope > li > p.muted').allTextContents();
    expect(places[0]).toMatch(/Lens\s·\sà moins d’1 km/);
    const kms = places.map((p) => /à (\d+(?:,\d+)?) km/.exec(p)?.[1]).map((km) => (km ? Number(km.replace(',', '.')) : 0));
    expect(kms).toEqual([...kms].sort((a, b) => a - b));
    expect(await page.getByTestId('commune-personne').locator('title').textContent()).toBe('Commune de la personne : Lens');
    await expectAccessible(page);
    await screenshot(page, 'annuaire-resultats');

    // A filter with no match: the empty state says so, and the count is announced.
    await page.getByLabel('accueil en langue des signes (LSF)').check();
    await page.waitForURL((url) => url.searchParams.get('lsf') === '1');
    await expect.poll(() => count(page), soon).toBe('Aucune structure trouvée');
    expect(await page.locator('.empty-state').textContent()).toContain('Aucune structure ne correspond à ces critères');
    await page.close();
  });

  it('shows a partner’s page: hours in French, services, capacity, accessibility and contacts', async () => {
    const page = await ui.pageAs('REFERENT');
    await ui.open(page, '/annuaire?q=mdph');
    await page.getByTestId('resultats-structures').getByRole('link', { name: 'MDPH du Pas-de-Calais' }).click();
    await expect.poll(() => page.locator('h1').textContent(), soon).toBe('MDPH du Pas-de-Calais');
    expect(await unavailableNotices(page)).toEqual([]);
    expect((await page.getByTestId('horaires').textContent())?.replaceAll('\u00a0', ' ')).toBe('du lundi au vendredi, 9 h–12 h et 14 h–16 h 30');
    expect(['Ouvert maintenant', 'Fermé actuellement']).toContain(await page.getByTestId('ouvert').textContent());
    const service = page.getByRole('article', { name: /Accueil et information MDPH/ });
    const text = (await service.textContent()) ?? '';
    expect(text).toContain('Dossier MDPH / invalidité');
    expect(text).toContain('Personnes en situation de handicap');
    expect(text).toContain('En présentiel et À distance');
    expect(text).toContain('Gratuit');
    expect(await page.locator('dt:text-is("Accès de plain-pied (fauteuil roulant)") + dd').textContent()).toBe('oui');
    await expectAccessible(page);
    await screenshot(page, 'annuaire-structure');
    await page.close();
  });

  it('lets a référent orient a person of their caseload to a service, and records the referral', async () => {
    const page = await ui.pageAs('REFERENT');
    await ui.open(page, '/annuaire');
    await page.getByLabel('Rechercher une structure ou un service').pressSequentially('cmp arras');
    await expect.poll(() => structures(page), soon).toEqual(['Centre médico-psychologique d’Arras']);
    await page.getByTestId('resultats-structures').getByRole('link').first().click();
    await expect.poll(() => page.locator('h1').textContent(), soon).toBe('Centre médico-psychologique d’Arras');
    const form = page.getByRole('form', { name: 'Orienter vers Consultations adultes du CMP' });

    // Without a person the server says so in French (the browser's own check bypassed).
    await form.locator('select').evaluate((select) => select.removeAttribute('required'));
    await form.getByRole('button', { name: 'Orienter' }).click();
    await expect.poll(() => form.getByRole('alert').textContent(), soon).toBe('Choisissez la personne à orienter.');

    const select = form.getByLabel('Personne à orienter');
    // The people of the référent's own caseload (open accompaniments they follow, in their territory), by name.
    const options = await select.locator('option:not([value=""])').evaluateAll((list) => list.map((o) => ({ id: (o as HTMLOptionElement).value, name: o.textContent ?? '' })));
    const caseload = await ui.system.db.query<{ id: string }>(
      `select distinct b.id from beneficiaries.beneficiary b join beneficiaries.accompaniment a on a.department_code = b.department_code and a.beneficiary_id = b.id
        where b.department_code = '62' and b.territory_id = '62-arrageois' and a.ended_on is null
          and a.referent_id = (select id::text from auth.app_user where email = $1)`,
      [ACCOUNTS.REFERENT],
    );
    expect(options.map((o) => o.id).sort()).toEqual(caseload.rows.map((r) => r.id).sort());
    expect(options.length).toBeGreaterThan(0);
    // Named as « NOM Prénom » (the demo's synthetic identities, decrypted for their référent).
    for (const o of options) expect(o.name).toMatch(/^\p{Lu}[\p{Lu} -]+ \p{Lu}\p{Ll}+$/u);
    const person = options[0];
    const referralsOf = async (): Promise<{ status: string; sent_on: string }[]> =>
      (
        await ui.system.db.query<{ status: string; sent_on: string }>(
          `select r.status, r.sent_on::text from beneficiaries.referral r join partners.service s on s.id = r.service_id
            where r.beneficiary_id = $1 and s.name = 'Consultations adultes du CMP' and r.created_by = (select id::text from auth.app_user where email = $2)
            order by r.created_at`,
          [person!.id, ACCOUNTS.REFERENT],
        )
      ).rows;
    const before = await referralsOf();
    await select.selectOption(person!.id);
    await form.getByRole('button', { name: 'Orienter' }).click();
    await expect.poll(() => form.getByRole('status').textContent(), soon).toMatch(new RegExp(`^L’orientation de ${person!.name} vers « Consultations adultes du CMP » a été enregistrée le `));
    const after = await referralsOf();
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)).toEqual({ status: 'SENT', sent_on: parisToday() });
    await page.close();
  });

  it('shows a steering member the same page without « Orienter »', async () => {
    const page = await ui.pageAs('STEERING');
    await ui.open(page, '/annuaire?q=cmp%20arras');
    await page.getByTestId('resultats-structures').getByRole('link').first().click();
    await expect.poll(() => page.locator('h1').textContent(), soon).toBe('Centre médico-psychologique d’Arras');
    expect(await page.getByRole('article', { name: /Consultations adultes du CMP/ }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Orienter' }).count()).toBe(0);
    expect(await page.getByLabel('Personne à orienter').count()).toBe(0);
    await page.close();
  });
});
