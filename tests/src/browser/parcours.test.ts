import { addDays, addMonths, DEMO_PASSWORD, demoIdOf } from '@passerelles/db';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { ACCOUNTS, expectAccessible, unavailableNotices, useDashboard, type DemoRole } from '../support/dashboard.js';
import { parisToday } from '../support/days.js';
import { gatewayQuery, login } from '../support/system.js';

/**
 * Parcours, as a référent, a prescriber and an administrator of the Pas-de-Calais demo use it: the
 * caseload with its alerts, one person's path, and the forms that record appointments, exits and
 * CER. Each test works on its own demo person, so that the tests stay independent.
 */
const ui = useDashboard();

const REFERENT_ID = demoIdOf.user(ACCOUNTS.REFERENT);
const PRESCRIBER_ID = demoIdOf.user(ACCOUNTS.PRESCRIBER);
/** Today in Paris: the API and the dashboard count French calendar days. */
const today = parisToday;
/** « 12 nov. 2026 », and « 1er déc. 2026 » on the first of the month, as French writes it. */
const frenchDay = (iso: string): string =>
  new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`)).replace(/^1 /, '1er ');
const ddmmyyyy = (iso: string): string => iso.split('-').reverse().join('/');

/** The API as a demo account sees it (the gateway runs without trusted documents in tests). */
async function api<T>(role: DemoRole, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const token = await login(ui.system, ACCOUNTS[role], DEMO_PASSWORD);
  const { data, errors } = await gatewayQuery<T>(ui.system, token, query, variables);
  expect(errors).toEqual([]);
  return data!;
}

/** The referent's people in progress (started, not ended), with what each test needs to pick its own. */
interface InProgress {
  beneficiaryId: string;
  accompanimentId: string;
  startedOn: string;
  referrals: number;
}
let inProgress: InProgress[] = [];
/** A person imported with a name for these tests, followed by the demo référent and prescribed by the demo prescriber. */
const named = { lastName: 'Parcoursdemo', firstName: 'Léa', id: '' };
let namedCer = { startsOn: '', endsOn: '' };

beforeAll(async () => {
  const rows = await ui.system.db.query<{ beneficiary_id: string; id: string; started_on: string; referrals: number }>(
    `select a.beneficiary_id, a.id, a.started_on::text, (select count(*)::int from beneficiaries.referral r where r.accompaniment_id = a.id) as referrals
       from beneficiaries.accompaniment a
      where a.department_code = '62' and a.referent_id = $1 and a.started_on is not null and a.started_on < current_date - 7
        and a.ended_on is null and a.final_review_on is null
      order by a.beneficiary_id`,
    [REFERENT_ID],
  );
  const people = rows.rows.map((r) => ({ beneficiaryId: r.beneficiary_id, accompanimentId: r.id, startedOn: r.started_on, referrals: r.referrals }));
  expect(people.length).toBeGreaterThanOrEqual(4);
  // One person per test: the first with referrals (for the path), then the others.
  const withReferrals = people.find((p) => p.referrals > 0) ?? people[0]!;
  inProgress = [withReferrals, ...people.filter((p) => p !== withReferrals)];

  // A named person (identities come only through the API: the demo's are not seeded), started more
  // than 5 months ago, with a CER in its 6th month: path and CER alerts at once.
  const model = await ui.system.db.query<{ programme_id: string; operator_id: string; convention_id: string; commune_code: string }>(
    `select a.programme_id, a.operator_id, a.convention_id, b.commune_code from beneficiaries.accompaniment a join beneficiaries.beneficiary b on b.id = a.beneficiary_id
      where a.department_code = '62' and a.referent_id = $1 order by a.id limit 1`,
    [REFERENT_ID],
  );
  const m = model.rows[0]!;
  const startedOn = addDays(addMonths(today(), -5), -20);
  const header =
    'identifiant;nom;prenom;date_naissance;numero_caf;sexe;commune_insee;type_foyer;date_entree_rsa;orientation;freins;difficultes_psychiques;programme;operateur;convention;referent;prescripteur;date_prescription;date_validation;date_premier_entretien;date_bilan_final;date_sortie;motif_sortie;sous_motif_sortie';
  const line = [
    'TEST-PARCOURS-1', named.lastName, named.firstName, '14/02/1985', '', 'F', m.commune_code, 'famille monoparentale', '01/03/2019', 'sociale', '', '',
    m.programme_id, m.operator_id, m.convention_id, REFERENT_ID, PRESCRIBER_ID, ddmmyyyy(addDays(startedOn, -20)), ddmmyyyy(addDays(startedOn, -15)), ddmmyyyy(startedOn), '', '', '', '',
  ].join(';');
  const imported = await api<{ importBeneficiaries: { ok: boolean; rejected: unknown[] } }>('ADMIN', 'mutation ($csv: String!) { importBeneficiaries(csv: $csv) { ok rejected { line column reason } } }', {
    csv: `${header}\r\n${line}`,
  });
  expect(imported.importBeneficiaries).toEqual({ ok: true, rejected: [] });
  named.id = (await ui.system.db.query<{ id: string }>(`select id from beneficiaries.beneficiary where department_code = '62' and external_ref = 'TEST-PARCOURS-1'`)).rows[0]!.id;
  const accompaniment = (await ui.system.db.query<{ id: string; territory_id: string }>(`select id, territory_id from beneficiaries.accompaniment where beneficiary_id = $1`, [named.id])).rows[0]!;
  namedCer = { startsOn: addDays(addMonths(today(), -5), -10), endsOn: '' };
  const created = await api<{ createContract: { ok: boolean; contract: { endsOn: string } } }>(
    'REFERENT',
    'mutation ($input: CreateContractInput!) { createContract(input: $input) { ok contract { endsOn } } }',
    { input: { beneficiaryId: named.id, kind: 'CER', startsOn: namedCer.startsOn, signedOn: namedCer.startsOn, accompanimentId: accompaniment.id, territoryId: accompaniment.territory_id } },
  );
  expect(created.createContract.ok).toBe(true);
  namedCer.endsOn = created.createContract.contract.endsOn;
}, 60_000);

/** The people listed in the page's table, by id (from their links). */
const listedIds = async (page: Page): Promise<string[]> =>
  (await page.locator('table.people tbody th a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname.split('/').pop()!))).sort();

/** The person's row of the caseload table. */
const rowOf = (page: Page, name: string) => page.locator('table.people tbody tr', { has: page.getByRole('link', { name, exact: true }) });

describe('Parcours — the référent’s caseload', () => {
  it('shows names, communes and alert badges, counts each alert, and narrows the list by an alert', async () => {
    const page = await ui.pageAs('REFERENT');
    await ui.open(page, '/parcours');
    expect(await unavailableNotices(page)).toEqual([]);
    expect(await page.locator('h1').textContent()).toBe('Parcours — ma file active');

    type Caseload = { caseload: { totalCount: number; alertCounts: { alert: string; people: number }[]; nodes: { id: string }[] } };
    const all = await api<Caseload>('REFERENT', '{ caseload(first: 100) { totalCount alertCounts { alert people } nodes { id } } }');
    expect(all.caseload.totalCount).toBeLessThanOrEqual(50); // one page
    expect(await listedIds(page)).toEqual(all.caseload.nodes.map((n) => n.id).sort());
    await expect.poll(() => page.locator('table.people caption').textContent()).toContain(`${all.caseload.totalCount} personnes`);

    // The named person: name, commune name, start, CER end, and the three badges that concern them.
    const row = rowOf(page, `${named.lastName.toUpperCase()} ${named.firstName}`);
    expect(await row.count()).toBe(1);
    expect(await row.locator('td').nth(0).textContent()).toMatch(/^[A-ZÉÈ].+ \(62\d{3}\)$/);
    expect(await row.locator('td').nth(4).textContent()).toBe(frenchDay(namedCer.endsOn));
    expect((await row.locator('.badge').evaluateAll((badges) => badges.map((b) => b.getAttribute('data-alert')))).sort()).toEqual(['ENDING_SOON', 'RENEWAL_NOT_REQUESTED', 'REVIEW_DUE']);
    expect(await row.locator('.badge[data-alert="RENEWAL_NOT_REQUESTED"]').textContent()).toBe(`Renouvellement du CER à demander depuis le ${frenchDay(addMonths(namedCer.startsOn, 5))}`);

    // The counts above the list are those of the API, per alert.
    const shown = async (kind: string): Promise<string | null> => page.locator(`.counts a[data-alert="${kind}"] .count`).textContent();
    for (const { alert, people } of all.caseload.alertCounts) expect(await shown(alert)).toBe(String(people));
    const cer = await api<{ contractAlerts: { kind: string; beneficiaryId: string }[] }>('REFERENT', '{ contractAlerts { kind beneficiaryId } }');
    const renewalPeople = [...new Set(cer.contractAlerts.filter((a) => a.kind === 'RENEWAL_NOT_REQUESTED').map((a) => a.beneficiaryId))];
    expect(renewalPeople).toContain(named.id);
    expect(await shown('RENEWAL_NOT_REQUESTED')).toBe(String(renewalPeople.length));
    await expectAccessible(page);
    await screenshot(page, 'parcours-file-active');

    // Filtering by a path alert keeps exactly the people the API names for it.
    await page.getByLabel('Filtrer par alerte').selectOption({ label: 'Bilan à faire (5 mois passés)' });
    await page.waitForURL(/alerte=REVIEW_DUE/);
    const review = await api<Caseload>('REFERENT', '{ caseload(first: 100, alert: REVIEW_DUE) { totalCount alertCounts { alert people } nodes { id } } }');
    await expect.poll(() => listedIds(page)).toEqual(review.caseload.nodes.map((n) => n.id).sort());
    expect(review.caseload.totalCount).toBeLessThan(all.caseload.totalCount);
    expect(review.caseload.nodes.map((n) => n.id)).toContain(named.id);

    // And by a CER alert (contracts): the people of the caseload that contractAlerts names.
    await page.locator('.counts a[data-alert="RENEWAL_NOT_REQUESTED"]').click();
    await page.waitForURL(/alerte=RENEWAL_NOT_REQUESTED/);
    await expect.poll(() => listedIds(page)).toEqual(renewalPeople.filter((id) => all.caseload.nodes.some((n) => n.id === id)).sort());
    expect(await page.locator('table.people caption').textContent()).toContain('alerte « Renouvellement du CER à demander »');

    // By name: whole words, any case or accent, on the API's blind index; the URL keeps it.
    await ui.open(page, '/parcours');
    await page.getByLabel('Rechercher par nom').fill('LEA parcoursdemo');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL(/nom=LEA\+parcoursdemo/);
    await expect.poll(() => listedIds(page)).toEqual([named.id]);
    expect(await page.locator('table.people caption').textContent()).toContain('nom « LEA parcoursdemo »');
    await page.getByLabel('Rechercher par nom').fill('parcoursdem');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect.poll(() => page.locator('p.empty').textContent()).toContain('Aucune personne de la file active ne porte les noms « parcoursdem »');
    await page.close();
  });

  it('gives an administrator the Département’s caseload, and a prescriber the people they prescribed', async () => {
    const admin = await ui.pageAs('ADMIN');
    await ui.open(admin, '/parcours');
    expect(await admin.locator('h1').textContent()).toBe('Parcours — file active du Département');
    const open = await ui.system.db.query<{ n: number }>(`select count(distinct beneficiary_id)::int as n from beneficiaries.accompaniment where department_code = '62' and ended_on is null`);
    await expect.poll(() => admin.locator('table.people caption').textContent()).toContain(`${open.rows[0]!.n.toLocaleString('fr-FR')} personnes`);
    expect(await admin.locator('table.people tbody tr').count()).toBe(50);
    expect(await admin.getByRole('link', { name: 'Personnes suivantes' }).count()).toBe(1);
    await admin.close();

    // An operator: the people whose accompaniment its structure runs, and their paths, where it records.
    const operator = await ui.pageAs('OPERATOR');
    await ui.open(operator, '/parcours');
    expect(await operator.locator('h1').textContent()).toBe('Parcours — les personnes que ma structure accompagne');
    const runs = await ui.system.db.query<{ n: number }>(
      `select count(distinct beneficiary_id)::int as n from beneficiaries.accompaniment where department_code = '62' and ended_on is null and operator_id = $1`,
      [demoIdOf.partner('croix-rouge-62')],
    );
    expect(runs.rows[0]!.n).toBeGreaterThan(0);
    await expect.poll(() => operator.locator('table.people caption').textContent()).toContain(`${runs.rows[0]!.n.toLocaleString('fr-FR')} personne`);
    await operator.locator('table.people tbody th a').first().click();
    await operator.waitForURL(/\/parcours\/[0-9a-f-]{36}$/);
    await expect.poll(() => operator.locator('#titre-saisie').count()).toBe(1);
    await operator.close();

    const page = await ui.pageAs('PRESCRIBER');
    await ui.open(page, '/parcours');
    expect(await unavailableNotices(page)).toEqual([]);
    expect(await page.locator('h1').textContent()).toBe('Parcours — les personnes que j’ai prescrites');
    const prescribed = await api<{ prescribed: { nodes: { id: string }[] } }>('PRESCRIBER', '{ prescribed(first: 50) { nodes { id } } }');
    const expected = await ui.system.db.query<{ n: number }>(`select count(distinct beneficiary_id)::int as n from beneficiaries.accompaniment where department_code = '62' and prescriber_id = $1`, [PRESCRIBER_ID]);
    expect(prescribed.prescribed.nodes.length).toBe(Math.min(expected.rows[0]!.n, 50));
    expect(await listedIds(page)).toEqual(prescribed.prescribed.nodes.map((n) => n.id).sort());
    // The most recent prescription first: the named person, prescribed less than 6 months ago, is among them, with their status.
    const row = rowOf(page, `${named.lastName.toUpperCase()} ${named.firstName}`);
    expect(await row.locator('td').nth(3).textContent()).toBe('En cours');
    expect(await page.locator('.counts').count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'parcours-prescripteur');
    // A prescriber reads the path but records nothing and sees no contract.
    await row.getByRole('link').click();
    await page.waitForURL(/\/parcours\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.locator('h1').textContent()).toBe(`Parcours — ${named.lastName.toUpperCase()} ${named.firstName}`);
    expect(await page.locator('#titre-saisie').count()).toBe(0);
    expect(await page.locator('#titre-contrats').count()).toBe(0);
    expect(await unavailableNotices(page)).toEqual([]);
    await page.close();
  });
});

describe('Parcours — a person’s path', () => {
  it('shows the steps, the referrals with their partners’ names, records an appointment and then its presence', async () => {
    const person = inProgress[0]!;
    const page = await ui.pageAs('REFERENT');
    await ui.open(page, `/parcours/${person.beneficiaryId}`);
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/^Parcours — \S/);
    expect(await unavailableNotices(page)).toEqual([]);
    const steps = page.locator('ol.timeline li');
    expect(await steps.first().textContent()).toContain('Prescription de l’accompagnement');
    expect(await steps.allTextContents()).toContainEqual(`${frenchDay(person.startedOn)} — Début de l’accompagnement (premier entretien tenu)`);
    if (person.referrals > 0) {
      const partners = await ui.system.db.query<{ name: string }>(
        `select p.name from beneficiaries.referral r join partners.partner p on p.id = r.partner_id where r.accompaniment_id = $1 order by r.sent_on, r.id`,
        [person.accompanimentId],
      );
      const cells = await page.locator('section[aria-labelledby="titre-orientations"] tbody td:nth-child(2)').allTextContents();
      expect(cells.map((c) => c.replace(/ \(.*\)$/, ''))).toEqual(partners.rows.map((r) => r.name));
    }
    await expectAccessible(page);
    await screenshot(page, 'parcours-personne');

    // A planned appointment today, then marked honoured.
    const form = page.locator('form[action="?/rendezVous"]');
    await page.getByLabel('Date du rendez-vous').fill(today());
    await page.getByLabel('Type de rendez-vous').selectOption({ label: 'Entretien intermédiaire' });
    await form.getByRole('button').click();
    await expect.poll(() => form.getByRole('status').allTextContents()).toEqual(['Rendez-vous enregistré.']);
    const stored = async (): Promise<{ id: string; status: string }[]> =>
      (
        await ui.system.db.query<{ id: string; status: string }>(
          `select id, status from beneficiaries.appointment where accompaniment_id = $1 and scheduled_on = $2 and kind = 'INTERMEDIATE'`,
          [person.accompanimentId, today()],
        )
      ).rows;
    expect(await stored()).toEqual([{ id: expect.any(String), status: 'PLANNED' }]);
    const [appointment] = await stored();
    const presence = page.locator(`form[action="?/presence"]:has(input[value="${appointment!.id}"])`);
    await presence.getByLabel(`Présence au rendez-vous du ${frenchDay(today())}`).selectOption({ label: 'honoré' });
    await presence.getByRole('button').click();
    await expect.poll(() => page.locator('section[aria-labelledby="titre-rdv"] [role="status"]').allTextContents()).toEqual(['Présence enregistrée.']);
    expect(await stored()).toEqual([{ id: appointment!.id, status: 'HONOURED' }]);
    expect(await steps.allTextContents()).toContainEqual(`${frenchDay(today())} — Entretien intermédiaire — honoré`);

    // One to come, moved to another day (not to a past one), then cancelled.
    const later = addDays(today(), 14);
    await form.getByLabel('Date du rendez-vous').fill(later);
    await form.getByLabel('Type de rendez-vous').selectOption({ label: 'Entretien intermédiaire' });
    await form.getByLabel('Présence').selectOption({ value: 'PLANNED' });
    await form.getByRole('button').click();
    await expect.poll(() => page.locator(`form[action="?/deplacement"]`).count()).toBeGreaterThan(0);
    const planned = (await ui.system.db.query<{ id: string }>(`select id from beneficiaries.appointment where accompaniment_id = $1 and scheduled_on = $2 and status = 'PLANNED'`, [person.accompanimentId, later])).rows[0]!;
    const move = page.locator(`form[action="?/deplacement"]:has(input[value="${planned.id}"])`);
    await move.getByLabel(`Nouvelle date du rendez-vous du ${frenchDay(later)}`).fill(addDays(today(), -1));
    await move.getByRole('button', { name: `Déplacer le rendez-vous du ${frenchDay(later)}` }).click();
    await expect.poll(() => move.locator('.error').textContent()).toBe('Un rendez-vous se déplace à aujourd’hui ou plus tard.');
    await move.getByLabel(`Nouvelle date du rendez-vous du ${frenchDay(later)}`).fill(addDays(today(), 21));
    await move.getByRole('button', { name: `Déplacer le rendez-vous du ${frenchDay(later)}` }).click();
    await expect.poll(() => page.locator('section[aria-labelledby="titre-rdv"] [role="status"]').allTextContents()).toEqual(['Rendez-vous déplacé.']);
    const moved = async (): Promise<unknown[]> => (await ui.system.db.query(`select scheduled_on::text, status from beneficiaries.appointment where id = $1`, [planned.id])).rows;
    expect(await moved()).toEqual([{ scheduled_on: addDays(today(), 21), status: 'PLANNED' }]);
    await page.getByRole('button', { name: `Annuler le rendez-vous du ${frenchDay(addDays(today(), 21))}` }).click();
    await expect.poll(() => page.locator('section[aria-labelledby="titre-rdv"] [role="status"]').allTextContents()).toEqual(['Rendez-vous annulé.']);
    expect(await moved()).toEqual([{ scheduled_on: addDays(today(), 21), status: 'CANCELLED' }]);
    await page.close();
  });

  it('records an exit with its sub-reason, after French messages for what is missing and for what the API refuses', async () => {
    const person = inProgress[1]!;
    const page = await ui.pageAs('REFERENT');
    await ui.open(page, `/parcours/${person.beneficiaryId}`);
    const form = page.locator('form[action="?/sortie"]');
    const date = page.getByLabel('Date de sortie');

    // Before the start: refused by the API (DATES_OUT_OF_ORDER), said in French on the date.
    await date.fill(addDays(person.startedOn, -1));
    await page.getByLabel('Motif de sortie').selectOption({ label: 'Changement de situation financière' });
    await expect.poll(() => page.getByLabel('Revenu qui remplace le RSA').count()).toBe(1);
    await page.getByLabel('Revenu qui remplace le RSA').selectOption({ label: 'Allocation aux adultes handicapés (AAH)' });
    await form.getByRole('button').click();
    await expect.poll(() => form.locator('#sortie-on-erreur').textContent()).toBe('La date de sortie ne peut pas précéder le début de l’accompagnement ni le bilan final.');
    expect(await date.getAttribute('aria-invalid')).toBe('true');
    expect(await date.getAttribute('aria-describedby')).toBe('sortie-on-erreur');

    // A financial change without the new income: the sub-reason is required; the values stay.
    await date.fill(today());
    await page.getByLabel('Revenu qui remplace le RSA').selectOption({ value: '' });
    await form.getByRole('button').click();
    const subReason = page.getByLabel('Revenu qui remplace le RSA');
    await expect.poll(() => form.locator('#sortie-subReason-erreur').textContent()).toBe('Choisissez le revenu qui remplace le RSA.');
    expect(await subReason.getAttribute('aria-invalid')).toBe('true');
    expect(await subReason.getAttribute('aria-describedby')).toBe('sortie-subReason-erreur');
    expect(await date.inputValue()).toBe(today());
    expect(await page.getByLabel('Motif de sortie').inputValue()).toBe('FINANCIAL_CHANGE');
    expect(await date.getAttribute('aria-invalid')).toBeNull();
    await expectAccessible(page);
    await form.scrollIntoViewIfNeeded();
    await screenshot(page, 'parcours-formulaire-erreurs');

    // An appointment of three days ago left « planned », and one to come: the exit waits for the first.
    const leftOpen = addDays(today(), -3);
    const toCome = addDays(today(), 20);
    await ui.system.db.query(
      `insert into beneficiaries.appointment (id, department_code, accompaniment_id, beneficiary_id, kind, scheduled_on, status)
       values (gen_random_uuid(), '62', $1, $2, 'INTERMEDIATE', $3, 'PLANNED'), (gen_random_uuid(), '62', $1, $2, 'INTERMEDIATE', $4, 'PLANNED')`,
      [person.accompanimentId, person.beneficiaryId, leftOpen, toCome],
    );
    await subReason.selectOption({ label: 'Allocation aux adultes handicapés (AAH)' });
    await form.getByRole('button').click();
    await expect.poll(() => form.locator('[role="alert"]').textContent()).toBe(
      'Des rendez-vous jusqu’à la date de sortie sont encore « prévus » : indiquez d’abord s’ils ont été honorés, manqués ou excusés.',
    );
    expect(await date.inputValue()).toBe(today());
    // The référent closes every past appointment still planned (the one above, and any the demo left open).
    const pastPlanned = page.locator('form[action="?/presence"]');
    for (let i = 0; i < 10 && (await pastPlanned.count()) > 0; i++) {
      const one = pastPlanned.first();
      const id = await one.locator('input[name="appointmentId"]').inputValue();
      await one.locator('select').selectOption({ value: 'EXCUSED' });
      await one.getByRole('button').click();
      await expect.poll(() => page.locator(`form[action="?/presence"]:has(input[value="${id}"])`).count()).toBe(0);
    }
    expect(await pastPlanned.count()).toBe(0);
    const inForce = await ui.system.db.query<{ id: string }>(
      `select id from contracts.engagement_contract where beneficiary_id = $1 and status in ('SIGNED', 'RENEWAL_REQUESTED') and starts_on < $2 and ends_on >= $2`,
      [person.beneficiaryId, today()],
    );
    expect(inForce.rows.length).toBeGreaterThan(0);
    await page.getByLabel('Motif de sortie').selectOption({ label: 'Changement de situation financière' });
    await page.getByLabel('Revenu qui remplace le RSA').selectOption({ label: 'Allocation aux adultes handicapés (AAH)' });
    await date.fill(today());
    await form.getByRole('button').click();
    await expect.poll(() => page.locator('.forms [role="status"]').allTextContents()).toEqual([
      'Sortie enregistrée : l’accompagnement est terminé, le CER en cours est clos et les rendez-vous à venir sont annulés.',
    ]);
    expect(await page.locator('.forms [role="alert"]').count()).toBe(0);
    expect(await page.locator('.summary strong').textContent()).toBe('Terminé');
    // Closed, and nothing new is offered: no CER form until a new accompaniment.
    expect(await page.locator('form[action="?/cer"]').count()).toBe(0);
    const appointments = await ui.system.db.query<{ scheduled_on: string; status: string }>(
      `select scheduled_on::text, status from beneficiaries.appointment where accompaniment_id = $1 and scheduled_on in ($2, $3) order by scheduled_on`,
      [person.accompanimentId, leftOpen, toCome],
    );
    expect(appointments.rows).toEqual([
      { scheduled_on: leftOpen, status: 'EXCUSED' },
      { scheduled_on: toCome, status: 'CANCELLED' },
    ]);
    // The CER in force ends on the exit day, with the exit as its final assessment: contracts learns
    // of the exit from beneficiaries (ADR 0021), not from the page.
    for (const { id } of inForce.rows) {
      await expect
        .poll(async () => (await ui.system.db.query(`select status, ends_on::text, final_assessment from contracts.engagement_contract where id = $1`, [id])).rows)
        .toEqual([{ status: 'ENDED', ends_on: today(), final_assessment: `Clos par la sortie du dispositif le ${ddmmyyyy(today())}.` }]);
    }
    expect(await page.locator('ol.timeline li').allTextContents()).toContainEqual(`${frenchDay(today())} — Sortie : Changement de situation financière (Allocation aux adultes handicapés (AAH))`);
    const stored = await ui.system.db.query(`select ended_on::text, exit_reason, exit_sub_reason from beneficiaries.accompaniment where id = $1`, [person.accompanimentId]);
    expect(stored.rows).toEqual([{ ended_on: today(), exit_reason: 'FINANCIAL_CHANGE', exit_sub_reason: 'AAH' }]);
    await page.close();
  });

  it('creates a CER signed in one go, after a French message for an end before the start, and refuses an overlapping one', async () => {
    const person = inProgress[2]!;
    const page = await ui.pageAs('REFERENT');
    await ui.open(page, `/parcours/${person.beneficiaryId}`);
    const form = page.locator('form[action="?/cer"]');
    const startsOn = addDays(today(), 3);
    const end = page.getByLabel('Fin', { exact: true });
    await page.getByLabel('Début', { exact: true }).fill(startsOn);
    // The end follows the start: 6 months by default.
    const sixMonths = addDays(addMonths(startsOn, 6), -1);
    await expect.poll(() => end.inputValue()).toBe(sixMonths);
    await end.fill(addDays(startsOn, -1));
    await form.getByRole('button').click();
    await expect.poll(() => form.locator('#cer-endsOn-erreur').textContent()).toBe('La date de fin doit être après la date de début.');
    expect(await end.getAttribute('aria-invalid')).toBe('true');
    expect(await end.getAttribute('aria-describedby')).toBe('cer-endsOn-aide cer-endsOn-erreur');
    expect(await page.getByLabel('Début', { exact: true }).inputValue()).toBe(startsOn);
    const contracts = async (): Promise<unknown[]> =>
      (await ui.system.db.query(`select status, signed_on::text, starts_on::text, ends_on::text from contracts.engagement_contract where beneficiary_id = $1`, [person.beneficiaryId])).rows;
    expect(await contracts()).toEqual([]);

    await end.fill(sixMonths);
    await form.getByRole('button').click();
    await expect.poll(() => form.getByRole('status').allTextContents()).toEqual(['CER enregistré et signé.']);
    const row = page.locator('table.contracts tbody tr');
    expect(await row.count()).toBe(1);
    expect(await row.locator('td').nth(1).textContent()).toBe('signé');
    expect(await row.locator('td').nth(2).textContent()).toBe(frenchDay(today()));
    expect(await row.locator('td').nth(3).textContent()).toBe(`possible à partir du ${frenchDay(addMonths(startsOn, 5))}`);
    // Created signed: one row, never a draft, and its only history line is the signature.
    expect(await contracts()).toEqual([{ status: 'SIGNED', signed_on: today(), starts_on: startsOn, ends_on: sixMonths }]);
    const history = await ui.system.db.query(
      `select h.status from contracts.contract_status_change h join contracts.engagement_contract c on c.id = h.contract_id where c.beneficiary_id = $1`,
      [person.beneficiaryId],
    );
    expect(history.rows).toEqual([{ status: 'SIGNED' }]);
    expect(await page.locator('ol.timeline li').allTextContents()).toContainEqual(`${frenchDay(today())} — CER signé, du ${frenchDay(startsOn)} au ${frenchDay(sixMonths)}`);

    // The same period again: the contracts subgraph refuses it, said in French on the start.
    await page.getByLabel('Début', { exact: true }).fill(addDays(startsOn, 30));
    await form.getByRole('button').click();
    await expect.poll(() => form.locator('#cer-startsOn-erreur').textContent()).toBe('Cette personne a déjà un CER signé sur une partie de cette période.');
    expect(await contracts()).toHaveLength(1);
    await page.close();
  });

  it('signs a contrat d’engagement whose hours come from its actions, asking in French for the reason of a reduction below 15 hours', async () => {
    // The demo signs contrats d'engagement as its accompaniments go: this one starts after the person's last contract.
    const person = inProgress[3]!;
    const last = await ui.system.db.query<{ ends_on: string | null }>(
      `select max(ends_on)::text as ends_on from contracts.engagement_contract where beneficiary_id = $1 and status in ('SIGNED', 'RENEWAL_REQUESTED', 'RENEWED', 'ENDED')`,
      [person.beneficiaryId],
    );
    const page = await ui.pageAs('REFERENT');
    await ui.open(page, `/parcours/${person.beneficiaryId}`);
    const form = page.locator('form[action="?/engagement"]');
    const after = last.rows[0]?.ends_on ? addDays(last.rows[0].ends_on, 1) : today();
    const startsOn = after > today() ? after : addDays(today(), 3);
    await form.getByLabel('Début du contrat d’engagement', { exact: true }).fill(startsOn);
    await form.getByLabel('Parcours', { exact: true }).selectOption('SOCIAL');
    await form.getByLabel('Action 1', { exact: true }).fill('Suivi au CMP');
    await form.getByLabel('Heures par semaine').first().fill('2,5');
    await form.getByLabel('Semaines').first().fill('52');
    await form.getByRole('button').click();
    // 2.5 h × 52 weeks over 52 weeks: below 15 hours, the API asks for the reason, said on its field.
    await expect.poll(() => form.locator('#engagement-reductionReason-erreur').textContent()).toBe('Les actions prévoient moins de 15 heures par semaine : indiquez le motif de la réduction.');
    expect(await form.getByLabel('Action 1', { exact: true }).inputValue()).toBe('Suivi au CMP');
    await form.getByLabel('Motif d’une réduction sous 15 heures').selectOption('HEALTH');
    await form.getByLabel('Justification de la réduction').fill('Soins en cours, certificat du médecin traitant');
    await form.getByRole('button').click();
    await expect.poll(() => form.getByRole('status').allTextContents()).toEqual(['Contrat d’engagement enregistré et signé.']);
    // Newest first: the contract just signed heads the table.
    const row = page.locator('table.contracts tbody tr').first();
    expect(await row.locator('th').textContent()).toBe('Contrat d’engagement — parcours social (remobilisation)');
    expect(await row.locator('td[data-hours]').textContent()).toBe('2,5 h (réduit : santé)');
    const stored = await ui.system.db.query(`select kind, track, planned_weekly_hours::text as hours, reduction_reason from contracts.engagement_contract where beneficiary_id = $1 and starts_on = $2`, [person.beneficiaryId, startsOn]);
    expect(stored.rows).toEqual([{ kind: 'CONTRAT_ENGAGEMENT', track: 'SOCIAL', hours: '2.5', reduction_reason: 'HEALTH' }]);
    await page.close();
  });

  it('requests the renewal of a CER in its 6th month', async () => {
    const page = await ui.pageAs('REFERENT');
    await ui.open(page, `/parcours/${named.id}`);
    const row = page.locator('table.contracts tbody tr');
    await row.getByRole('button', { name: 'Demander le renouvellement' }).click();
    await expect.poll(() => page.locator('section[aria-labelledby="titre-contrats"] [role="status"]').allTextContents()).toEqual(['Renouvellement demandé.']);
    expect(await row.locator('td').nth(3).textContent()).toBe(`demandé le ${frenchDay(today())}`);
    const stored = await ui.system.db.query(`select status, renewal_requested_on::text from contracts.engagement_contract where beneficiary_id = $1`, [named.id]);
    expect(stored.rows).toEqual([{ status: 'RENEWAL_REQUESTED', renewal_requested_on: today() }]);
    expect(await page.locator('ol.timeline li').allTextContents()).toContainEqual(`${frenchDay(today())} — Renouvellement du CER demandé`);
    await page.close();
  });
});

// Last: it stops the contracts subgraph for the rest of the file.
describe('Parcours — with the contracts subgraph down', () => {
  it('says the CER part is unavailable and keeps the rest usable', async () => {
    await ui.system.stopService('contracts');
    const page = await ui.pageAs('REFERENT');
    await ui.open(page, '/parcours');
    await expect.poll(async () => (await unavailableNotices(page)).map((n) => n.trim())).toEqual(['Les alertes CER (fin de contrat, renouvellement) sont momentanément indisponibles ; le reste de la file active est à jour.']);
    expect(await page.locator('table.people tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('.counts a[data-alert="ENDING_SOON"] .count').textContent()).toBe('indisponible');
    expect(await page.locator('.counts a[data-alert="REVIEW_DUE"] .count').textContent()).toMatch(/^\d+$/);
    expect(await rowOf(page, `${named.lastName.toUpperCase()} ${named.firstName}`).locator('td').nth(4).textContent()).toBe('indisponible');
    await expectAccessible(page);

    await ui.open(page, `/parcours/${inProgress[3]!.beneficiaryId}`);
    await expect.poll(async () => (await unavailableNotices(page)).map((n) => n.trim())).toEqual(['Les contrats (CER) sont momentanément indisponibles ; le reste du parcours est à jour.']);
    expect(await page.locator('ol.timeline li').count()).toBeGreaterThan(0);
    expect(await page.locator('form[action="?/rendezVous"]').count()).toBe(1);
    await page.close();
  });
});
