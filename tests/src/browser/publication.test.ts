import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { expectAccessibleAndCapture, useDashboard } from '../support/dashboard.js';
import { parisToday } from '../support/days.js';
import { lastDayOf, latestClosed, publishFromThirdGrid, type PublishedGrid } from '../support/publication.js';

/**
 * Pilotage before and once the Département's publication job has run (statistical secrecy,
 * docs/adr/0023). Before: nothing is published to a steering user, and every page says so. Once run:
 * a steering user reads the grid the page names, figures on it, « non publié à ce niveau » finer
 * than it, and filters that offer what it publishes and say why; an administrator keeps exact
 * figures. This file's database is its own: the job run here touches no other file's Département.
 */
const ui = useDashboard();

const YEAR_2025 = 'periode=2025';
const NOT_PUBLISHED = 'non publié à ce niveau';

let grid: PublishedGrid;
/** The last month published (YYYY-MM): the last closed when the job ran, ten days after its end. */
let throughMonth: string;

/** « 1 234 » → 1234; « non publié à ce niveau », « < 11 » and « — » are not numbers (null). */
const numberOf = (text: string | null): number | null => {
  const compact = (text ?? '').replace(/[\s\u202f\u00a0]/g, '');
  return /^\d+$/.test(compact) ? Number(compact) : null;
};

const card = (page: Page, label: string): Locator =>
  page.locator('.card').filter({ has: page.locator('.card-label', { hasText: new RegExp(`^${label}$`) }) }).locator('.card-value');

const gridNotice = (page: Page): Locator => page.getByTestId('grille-publication');
const filterWarnings = (page: Page): Promise<string[]> => page.getByTestId('filtres-non-publies').locator('p').allTextContents();
const periodOptions = (page: Page): Promise<string[]> => page.getByLabel('Période', { exact: true }).locator('option').allTextContents();

/** A table's rows as shown: the row's name, then its cells. */
async function shownRows(page: Page, id: string): Promise<string[][]> {
  return page.locator(`table[data-table="${id}"] tbody tr`).evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())));
}

describe('before the publication job’s first run', () => {
  it('tells a steering user that the Département’s figures are not published yet, on Pilotage, its review, its exports and Territoires, and shows none', async () => {
    const { rows } = await ui.system.db.query<{ n: number }>(`select count(*)::int as n from beneficiaries.publication where department_code = '62'`);
    expect(rows[0]!.n, 'the job has not run for the 62').toBe(0);
    const page = await ui.pageAs('STEERING');
    await ui.open(page, `/pilotage?${YEAR_2025}`);

    // First under the filters, under its own heading: why nothing is shown, and when it will be.
    const heading = page.getByRole('heading', { name: 'Chiffres pas encore publiés' });
    expect(await heading.isVisible()).toBe(true);
    const notice = (await gridNotice(page).textContent())!;
    expect(notice).toMatch(/^Les chiffres de ce Département ne sont pas encore publiés\. /);
    expect(notice).toContain('chaque nuit et au démarrage de Passerelles');
    expect(notice).toContain('les administrateurs du Département voient, eux, les chiffres exacts');
    expect(await page.getByTestId('filtres-non-publies').count()).toBe(0);

    // No card of counts of people, one line naming them instead; no number of people in the tables.
    for (const label of ['Personnes accueillies', 'Personnes accompagnées', 'File active en fin de période', 'Sorties']) {
      expect(await card(page, label).count(), label).toBe(0);
    }
    const unpublished = (await page.getByTestId('non-publie-indicateurs').textContent())!;
    expect(unpublished).toMatch(/^Pas encore publiés \(voir l’avertissement en haut de la page\) : personnes accueillies, /);
    expect(unpublished).toContain('file active en fin de période');
    const months = await shownRows(page, 'mensuel');
    expect(months).toHaveLength(12);
    expect(new Set(months.flatMap((m) => m.slice(1)))).toEqual(new Set([NOT_PUBLISHED]));
    const territories = await shownRows(page, 'territoires');
    expect(territories).toHaveLength(9);
    territories.forEach((row) => expect(row.slice(1, 4), row[0]).toEqual([NOT_PUBLISHED, NOT_PUBLISHED, NOT_PUBLISHED]));
    // No grid yet: every closed period of the calendar is offered (what the first publication will hold), none cut at today.
    expect(await periodOptions(page)).toContain('Mars 2025');
    expect((await periodOptions(page)).filter((o) => o.includes('jusqu’au'))).toEqual([]);
    await expectAccessibleAndCapture(page, 'publication-pas-encore-pilotage');
    await page.locator('#titre-indicateurs').evaluate((title) => title.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'publication-pas-encore-accompagnements');

    // The review and the exports handed out say it too.
    await ui.open(page, '/pilotage/bilan?annee=2025');
    const printed = (await page.getByTestId('bilan-publication').textContent())!;
    expect(printed).toContain('Chiffres pas encore publiés.');
    expect(printed).toContain(notice);
    await expectAccessibleAndCapture(page, 'publication-pas-encore-bilan');
    const csv = await (await page.request.get(`${ui.url}/pilotage/export?du=2025-01-01&au=2025-12-31&tableau=sorties&format=csv`)).text();
    const lines = csv.trimEnd().split('\r\n');
    // After the rows and an empty line; quoted, as any CSV cell holding a « ; ».
    expect(lines.slice(-2)).toEqual(['', `"${notice}"`]);
    expect(lines.slice(1, -2).map((line) => line.split(';')[1])).toEqual(Array(9).fill(NOT_PUBLISHED));

    // Territoires: the people accompanied per territory, not published, and why — one sentence, not a column of « non publié à ce niveau ».
    await ui.open(page, '/territoires');
    expect((await page.getByTestId('non-publie').textContent())!.trim()).toBe(`Chiffres pas encore publiés. ${notice}`);
    expect(await page.getByTestId('file-active-publiee').textContent()).toContain('ne sont pas encore publiées');
    expect(await page.getByTestId('colonne-personnes').count()).toBe(0);
    expect(await page.locator('tbody td', { hasText: NOT_PUBLISHED }).count()).toBe(0);
    await expectAccessibleAndCapture(page, 'publication-pas-encore-territoires');
    // Couverture, coloured by the people accompanied: the same notice.
    await ui.open(page, '/couverture?mesure=accompagnes');
    expect((await page.getByTestId('non-publie').textContent())!.trim()).toBe(`Personnes accompagnées : chiffres pas encore publiés. ${notice}`);
    await screenshot(page, 'publication-pas-encore-couverture');
    await page.close();

    // An administrator reads exact figures, with no notice.
    const admin = await ui.pageAs('ADMIN');
    await ui.open(admin, `/pilotage?${YEAR_2025}`);
    expect(await gridNotice(admin).count()).toBe(0);
    expect(numberOf(await card(admin, 'Personnes accueillies').textContent())).toBeGreaterThan(0);
    await admin.close();
  });
});

describe('Pilotage on the Département’s publication', () => {
  beforeAll(async () => {
    // The demo's Pas-de-Calais is large enough for a grid of the ladder from its third level on.
    ({ grid, throughMonth } = await publishFromThirdGrid(ui.system, '62'));
  }, 600_000);

  it('names the grid to a steering user, shows the year’s figure, and says « non publié à ce niveau » finer than the grid', async () => {
    const page = await ui.pageAs('STEERING');
    await ui.open(page, `/pilotage?${YEAR_2025}`);

    // The notice under the filters: the last month published, the day of the publication and the grid, in the API's words.
    const notice = (await gridNotice(page).textContent())!;
    const lastMonth = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${throughMonth}-01T00:00:00Z`));
    expect(notice).toMatch(new RegExp(`^Chiffres arrêtés à fin ${lastMonth}, publiés le \\d{1,2}(er)? [a-zéû]+ \\d{4}, selon la grille : `));
    expect(notice).toContain(`selon la grille : ${grid.name}. Les chiffres plus fins sont « non publié à ce niveau » (secret statistique).`);
    // Closed periods only, frozen once closed: why a steering user's figures may differ from an administrator's.
    expect(notice).toContain('Une période n’est publiée qu’une fois close, dix jours après la fin de son dernier mois, et ce qui est enregistré ensuite sur un mois clos ne l’est pas : ces chiffres peuvent donc différer de ceux d’un administrateur.');
    // 205 accompaniments started against the administrator's 200 people: the notice says what is counted.
    expect(notice).toContain('Les effectifs publiés comptent des accompagnements');
    expect(await filterWarnings(page)).toEqual([]);

    // The Département over a year is on every grid of the ladder: a number (the administrator's, below).
    const welcomed = numberOf(await card(page, 'Personnes accueillies').textContent());
    expect(welcomed).not.toBeNull();

    // The months: offered and drawn only if the Département is published by month.
    const options = await periodOptions(page);
    expect(options).toContain('Année 2025');
    if (grid.finest[0] === 'MONTH') {
      expect(options).toContain('Mars 2025');
      expect(await page.getByTestId('non-publie-mensuel').count()).toBe(0);
    } else {
      expect(options).not.toContain('Mars 2025');
      expect(options.includes('1er trimestre 2025')).toBe(grid.finest[0] === 'QUARTER');
      // No month's welcomed nor exits: a sentence instead of a chart of lone dots, the table kept. The caseload at
      // the end of a published period (a quarter's or the year's last month) is that period's, published.
      expect(await page.getByTestId('non-publie-mensuel').textContent()).toContain('Série mensuelle non publiée à ce niveau');
      expect(await page.getByTestId('graphique-mensuel').locator('canvas').count()).toBe(0);
      const months = await shownRows(page, 'mensuel');
      expect(months.map((m) => m[0])).toHaveLength(12);
      expect(new Set(months.flatMap((m) => [m[1], m[3]]))).toEqual(new Set([NOT_PUBLISHED]));
      const periodEnds = grid.finest[0] === 'QUARTER' ? [2, 5, 8, 11] : [11];
      months.forEach((m, i) => expect(numberOf(m[2]!) !== null, `caseload at the end of ${m[0]}`).toBe(periodEnds.includes(i)));
      expect(months[11]![2]).toBe(await card(page, 'File active en fin de période').textContent());
    }
    await expectAccessibleAndCapture(page, 'publication-pilotage-2025');
    await page.getByTestId('graphique-mensuel').evaluate((chart) => chart.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'publication-pilotage-mensuel');

    // A month asked by its address: said finer than the grid next to the filters, and not published.
    if (grid.finest[0] !== 'MONTH') {
      await ui.open(page, '/pilotage?periode=2025-03');
      expect(await filterWarnings(page)).toEqual([
        `Pour ce périmètre, les chiffres sont publiés ${grid.finest[0] === 'QUARTER' ? 'par trimestre ou par an : choisissez un trimestre ou une année' : 'par an : choisissez une année'}.`,
      ]);
      expect(await card(page, 'Personnes accueillies').textContent()).toBe(NOT_PUBLISHED);
      // The month stays selected (the select shows what the page is), the other months are not offered.
      expect(await page.getByLabel('Période', { exact: true }).inputValue()).toBe('2025-03');
      expect(await periodOptions(page)).not.toContain('Avril 2025');
      await expectAccessibleAndCapture(page, 'publication-pilotage-mois');
    }
    await page.close();
    // The published count is of accompaniments started; the administrator's exact one, of distinct people
    // (ADR 0023 « Values »: a person with two accompaniments started counts twice in the publication).
    const { rows } = await ui.system.db.query<{ accompaniments: number; people: number }>(
      `select count(*)::int as accompaniments, count(distinct beneficiary_id)::int as people from beneficiaries.accompaniment
        where department_code = '62' and started_on between '2025-01-01' and '2025-12-31'`,
    );
    expect(welcomed).toBe(rows[0]!.accompaniments);
    const admin = await ui.pageAs('ADMIN'); // the tabs share their cookies: one role at a time
    await ui.open(admin, `/pilotage?${YEAR_2025}`);
    expect(numberOf(await card(admin, 'Personnes accueillies').textContent())).toBe(rows[0]!.people);
    await admin.close();
  });

  it('offers a steering user the periods of one territory and says a territory × operator crossing is not published', async () => {
    const page = await ui.pageAs('STEERING');
    await ui.open(page, `/pilotage?${YEAR_2025}`);
    // A territory whose year is published in the comparison (others may be « < 11 » or « secret secondaire »).
    const territories = await shownRows(page, 'territoires');
    const published = territories.find((row) => numberOf(row[1]!) !== null);
    expect(published, 'a territory with its people welcomed in 2025 published').toBeDefined();
    const [territory, welcomed] = published!;
    await page.getByLabel('Territoire', { exact: true }).selectOption({ label: territory! });
    await page.waitForURL((url) => url.searchParams.get('territoire') !== null);

    if (grid.crossings >= 1) {
      // One dimension fixed: on the grid for a year, the comparison's figure; the periods offered are the grid's for one dimension.
      await expect.poll(() => filterWarnings(page), { timeout: 15_000 }).toEqual([]);
      expect(await card(page, 'Personnes accueillies').textContent()).toBe(welcomed);
      const options = await periodOptions(page);
      expect(options).toContain('Année 2025');
      expect(options.includes('1er trimestre 2025')).toBe(grid.finest[1] !== 'YEAR');
      expect(options.includes('Mars 2025')).toBe(grid.finest[1] === 'MONTH');
    }

    // A territory and an operator: a crossing the grid does not publish.
    const operator = page.getByLabel('Opérateur', { exact: true });
    const firstOperator = (await operator.locator('option').nth(1).getAttribute('value'))!;
    await operator.selectOption(firstOperator);
    await page.waitForURL((url) => url.searchParams.get('operateur') === firstOperator);
    await expect
      .poll(() => filterWarnings(page), { timeout: 15_000 })
      .toContainEqual(
        grid.crossings === 0
          ? 'Ce périmètre n’est pas publié : seuls les chiffres du Département entier le sont (tous les territoires, programmes et opérateurs).'
          : `Ce croisement n’est pas publié : choisissez au plus ${grid.crossings === 1 ? 'un filtre' : `${grid.crossings} filtres`} parmi territoire, programme et opérateur.`,
      );
    expect(await card(page, 'Personnes accueillies').textContent()).toBe(NOT_PUBLISHED);
    expect(await card(page, 'File active en fin de période').textContent()).toBe(NOT_PUBLISHED);
    await page.getByTestId('filtres-non-publies').scrollIntoViewIfNeeded();
    await expectAccessibleAndCapture(page, 'publication-pilotage-croisement');
    await page.close();
  });

  it('shows an administrator exact figures, every period and no notice', async () => {
    // A month, territory and operator with a few accompaniments started: far finer than the grid, and below 11.
    const { rows } = await ui.system.db.query<{ territory: string; operator: string; month: string; n: number }>(
      `select territory_id as territory, operator_id::text as operator, to_char(started_on, 'YYYY-MM') as month, count(distinct beneficiary_id)::int as n
         from beneficiaries.accompaniment where department_code = '62' and started_on between '2025-01-01' and '2025-12-31' and territory_id is not null
        group by 1, 2, 3 having count(distinct beneficiary_id) between 1 and 10 order by 4 desc, 1, 2, 3 limit 1`,
    );
    const cell = rows[0]!;
    const page = await ui.pageAs('ADMIN');
    await ui.open(page, `/pilotage?periode=${cell.month}&territoire=${cell.territory}&operateur=${cell.operator}`);
    expect(await gridNotice(page).count()).toBe(0);
    expect(await page.getByTestId('filtres-non-publies').count()).toBe(0);
    expect(await page.getByLabel('Période', { exact: true }).inputValue()).toBe(cell.month);
    expect(await periodOptions(page)).toContain('Avril 2025');
    expect(numberOf(await card(page, 'Personnes accueillies').textContent())).toBe(cell.n);
    expect((await shownRows(page, 'mensuel')).flat()).not.toContain(NOT_PUBLISHED);
    expect(await page.getByTestId('non-publie-mensuel').count()).toBe(0);
    await expectAccessibleAndCapture(page, 'publication-pilotage-admin');
    await page.close();
  });

  it('shows on Pilotage the caseload at the end of its default period: today’s to an administrator (as on Territoires), the end of the latest closed period to a steering user', async () => {
    // An administrator: this year so far, live; its caseload at the end of the period is today's, per territory and in total.
    const admin = await ui.pageAs('ADMIN');
    await ui.open(admin, '/territoires');
    const total = numberOf(await admin.locator('tfoot td').nth(2).textContent());
    const rows = await admin.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())));
    const territory = rows.find((r) => numberOf(r[4]!) !== null);
    expect(total, 'the administrator’s total').not.toBeNull();
    expect(territory, 'a territory whose caseload is shown').toBeDefined();
    await ui.open(admin, '/pilotage');
    expect(numberOf(await card(admin, 'File active en fin de période').textContent())).toBe(total);
    await admin.getByLabel('Territoire', { exact: true }).selectOption({ label: territory![0]! });
    await admin.waitForURL((url) => url.searchParams.get('territoire') !== null);
    await expect.poll(() => card(admin, 'File active en fin de période').textContent(), { timeout: 15_000 }).toBe(territory![4]);
    await admin.close();

    // A steering user: the most recent period the publication holds for the Département (the latest closed of its
    // finest level), never the current one cut at today; its caseload is the accompaniments in progress at its end.
    const period = latestClosed(grid.finest[0]!, throughMonth);
    const end = lastDayOf(period);
    const page = await ui.pageAs('STEERING');
    await ui.open(page, '/pilotage');
    expect(await page.getByLabel('Période', { exact: true }).inputValue()).toBe(period);
    expect(await filterWarnings(page)).toEqual([]);
    const { rows: active } = await ui.system.db.query<{ n: number }>(
      `select count(*)::int as n from beneficiaries.accompaniment where department_code = '62' and started_on <= $1 and (ended_on is null or ended_on > $1)`,
      [end],
    );
    expect(numberOf(await card(page, 'File active en fin de période').textContent())).toBe(active[0]!.n);
    // The review linked is of the last closed year.
    expect(await page.getByRole('link', { name: /^Bilan annuel \d{4} imprimable$/ }).textContent()).toBe(`Bilan annuel ${latestClosed('YEAR', throughMonth)} imprimable`);
    await expectAccessibleAndCapture(page, 'publication-pilotage-par-defaut');
    // A territory whose caseload the comparison publishes for that period: the same on its own.
    const published = (await shownRows(page, 'territoires')).find((row) => numberOf(row[3]!) !== null);
    if (published) {
      await page.getByLabel('Territoire', { exact: true }).selectOption({ label: published[0]! });
      await page.waitForURL((url) => url.searchParams.get('territoire') !== null);
      await expect.poll(() => card(page, 'File active en fin de période').textContent(), { timeout: 15_000 }).toBe(published[3]);
    }
    await page.close();
  });

  it('says to a steering user that a period not closed yet is not published, instead of cards « non publié à ce niveau »', async () => {
    const year = parisToday().slice(0, 4);
    const page = await ui.pageAs('STEERING');
    await ui.open(page, `/pilotage?periode=${year}`);
    // Said first next to the filters; the period asked stays selected (the select shows what the page is), though not offered.
    expect((await filterWarnings(page))[0]).toBe(
      'Cette période n’est pas encore close : ses chiffres seront publiés dix jours après la fin de son dernier mois (secret statistique). Choisissez une période terminée pour les voir.',
    );
    const select = page.getByLabel('Période', { exact: true });
    expect(await select.inputValue()).toBe(year);
    expect(await select.locator('option:checked').textContent()).toMatch(new RegExp(`^Année ${year}`));
    // No other period cut at today is offered.
    expect((await periodOptions(page)).filter((o) => o.includes('jusqu’au')).length).toBeLessThanOrEqual(1);
    // No card « non publié à ce niveau »: one line names the counts not published yet; the CER say when they will be.
    expect(await page.locator('.card-value').filter({ hasText: NOT_PUBLISHED }).count()).toBe(0);
    expect(await page.getByTestId('non-publie-indicateurs').textContent()).toMatch(/^Pas encore publiés \(voir l’avertissement en haut de la page\) : personnes accueillies, /);
    expect(await page.getByTestId('cer-par-annee').textContent()).toContain(`de ${year} ne sont pas encore publiés : une année civile l’est une fois close, dix jours après la fin de décembre`);
    await expectAccessibleAndCapture(page, 'publication-pilotage-periode-ouverte');
    await page.locator('#titre-indicateurs').evaluate((title) => title.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'publication-pilotage-periode-ouverte-accompagnements');
    await page.close();
  });
});
