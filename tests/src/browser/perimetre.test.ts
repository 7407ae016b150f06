import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../support/browser.js';
import { ACCOUNTS, expectAccessibleAndCapture, useDashboard } from '../support/dashboard.js';
import { runPublicationJob } from '../support/publication.js';
import { createUser } from '../support/users.js';

/**
 * The reach of a caller without exact counts on a grid that does not publish it (statistical
 * secrecy, docs/adr/0023): an operator reads its own structure, a user limited to territories reads
 * them, whatever the filters. On the grid « Département par trimestre » (the ladder's 4th, no
 * territory, programme nor operator published), Pilotage and its annual review say once why every
 * count is « non publié à ce niveau », and what the user can read instead — the same sentence with
 * no filter as with the filter of that reach. This file's database is its own: the job run here
 * touches no other file's Département.
 */
const ui = useDashboard();

const ARRAGEOIS = '62-arrageois';
const TERNOIS = '62-ternois';
const NOT_PUBLISHED = 'non publié à ce niveau';

const filterWarnings = (page: Page): Promise<string[]> => page.getByTestId('filtres-non-publies').locator('p').allTextContents();
const selectOptions = (page: Page, label: string): Promise<string[]> => page.getByLabel(label, { exact: true }).locator('option').allTextContents();
const selectedOption = (page: Page, label: string): Promise<string> => page.getByLabel(label, { exact: true }).evaluate((select) => (select as HTMLSelectElement).selectedOptions[0]?.textContent ?? '');
/** The annual review's scope, term → value (« Territoire » → « tout le Département »). */
const scopeOfReview = async (page: Page): Promise<Record<string, string>> =>
  Object.fromEntries(await page.locator('.bilan-header dl > div').evaluateAll((rows) => rows.map((row) => [row.querySelector('dt')?.textContent ?? '', row.querySelector('dd')?.textContent ?? ''])));
const card = (page: Page, label: string) => page.locator('.card').filter({ has: page.locator('.card-label', { hasText: new RegExp(`^${label}$`) }) }).locator('.card-value');

beforeAll(async () => {
  await runPublicationJob(ui.system, '62', { startAt: 4 });
  const { rows } = await ui.system.db.query<{ grid: { crossings: number } | null }>(`select grid from beneficiaries.publication where department_code = '62'`);
  // « Département par trimestre » (or, coarser, « Département par an »): the Département only.
  expect(rows[0]?.grid?.crossings, 'the job published a grid of the Département only').toBe(0);
}, 600_000);

/** Pilotage for 2025 with no filter: the one sentence about the reach, its counts « non publié », captured. */
async function expectReachNotPublished(page: Page, sentence: string, screenshot: string): Promise<void> {
  await ui.open(page, '/pilotage?periode=2025');
  expect(await filterWarnings(page)).toEqual([sentence]);
  expect(await card(page, 'Personnes accueillies').textContent()).toBe(NOT_PUBLISHED);
  await page.getByTestId('filtres-non-publies').scrollIntoViewIfNeeded();
  await expectAccessibleAndCapture(page, screenshot);
}

describe('a reach the grid does not publish', () => {
  it('tells an operator, with or without the filter of its structure, that its figures are not published and where to read its own', async () => {
    const { rows } = await ui.system.db.query<{ partner_id: string }>('select partner_id from auth.app_user where email = $1', [ACCOUNTS.OPERATOR]);
    const own = rows[0]!.partner_id;
    const sentence =
      'Ce périmètre n’est pas publié : vos chiffres sont ceux de votre structure, et la grille du Département ne publie que le Département entier (secret statistique). Les chiffres du Département entier sont publiés au comité de pilotage ; les effectifs exacts de vos conventions sont sur la page Conventions & financements.';
    const page = await ui.pageAs('OPERATOR');

    // No filter: its whole reach, its own structure.
    await expectReachNotPublished(page, sentence, 'perimetre-operateur-sans-filtre');

    // The operator filter offers its own structure only, as « all » (another operator would read nothing).
    const { rows: names } = await ui.system.db.query<{ name: string }>('select name from partners.partner where id = $1', [own]);
    const ownStructure = `Votre structure (${names[0]!.name})`;
    expect(await selectOptions(page, 'Opérateur')).toEqual([ownStructure]);
    expect(await selectOptions(page, 'Territoire')).toContain('Tout le Département');

    // Its own structure chosen: the same scope, the same sentence, the same option.
    await ui.open(page, `/pilotage?periode=2025&operateur=${own}`);
    expect(await selectedOption(page, 'Opérateur')).toBe(ownStructure);
    expect(await filterWarnings(page)).toEqual([sentence]);

    // The annual review handed out says it too, and names the structure its figures are of.
    await ui.open(page, '/pilotage/bilan?annee=2025');
    expect(await page.getByTestId('bilan-publication').locator('p').allTextContents()).toContain(sentence);
    expect(await scopeOfReview(page)).toMatchObject({ Territoire: 'tout le Département', Opérateur: `votre structure (${names[0]!.name})` });

    // A table exported from the page carries the sentence too, under the publication's notice (the file is handed out without the page).
    const exported = await page.request.get(`${ui.url}/pilotage/export?periode=2025&tableau=indicateurs&format=csv`);
    expect(exported.status()).toBe(200);
    const lines = (await exported.text()).split('\r\n');
    // Quoted: the sentence holds the file's delimiter (« ; »).
    expect(lines).toContain(`"${sentence}"`);
    expect(lines.find((line) => line.startsWith('Personnes accueillies'))).toBe(`Personnes accueillies;${NOT_PUBLISHED}`);

    // What the sentence promises: its conventions' caseloads, exact (no « < 11 », nothing « non publié »).
    await ui.open(page, '/conventions');
    const occupancies = await page.getByTestId('occupation').allTextContents();
    expect(occupancies.length, 'the operator has conventions').toBeGreaterThan(0);
    for (const text of occupancies) expect(text).toMatch(/^\d[\d\s\u202f\u00a0]* \//);
    await page.close();
  });

  it('tells a steering user limited to several territories, with or without a territory chosen, that its territories are not published', async () => {
    const user = await createUser(ui.system.db, { role: 'STEERING', departmentCode: '62', territoryIds: [ARRAGEOIS, TERNOIS] });
    await ui.browser.context.clearCookies();
    const page = await ui.browser.newPage();
    await signIn(page, ui.url, user.email, user.password);
    const sentence =
      'Ce périmètre n’est pas publié : vos chiffres sont ceux de vos territoires, et la grille du Département ne publie que le Département entier (secret statistique). Les chiffres du Département entier sont publiés au comité de pilotage.';

    await expectReachNotPublished(page, sentence, 'perimetre-pilotage-deux-territoires');

    // Its territories only are offered, « all » being the two of them; the review names them.
    const { rows } = await ui.system.db.query<{ name: string }>('select name from ref.territory where id = any($1) order by name', [[ARRAGEOIS, TERNOIS]]);
    const territories = rows.map((r) => r.name);
    expect(await selectOptions(page, 'Territoire')).toEqual([`Vos territoires (${territories.join(', ')})`, ...territories]);
    await ui.open(page, '/pilotage/bilan?annee=2025');
    expect(await scopeOfReview(page)).toMatchObject({ Territoire: `vos territoires (${territories.join(', ')})`, Opérateur: 'tous les opérateurs' });

    await ui.open(page, `/pilotage?periode=2025&territoire=${ARRAGEOIS}`);
    expect(await filterWarnings(page)).toEqual([sentence]);
    expect(await selectedOption(page, 'Territoire')).toBe(territories[0]);
    await page.close();
  });
});
