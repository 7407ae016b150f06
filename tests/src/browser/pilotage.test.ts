import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEMO_PASSWORD } from '@passerelles/db';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { parisToday } from '../support/days.js';
import { ACCOUNTS, expectAccessible, expectAccessibleAndCapture, unavailableNotices, useDashboard } from '../support/dashboard.js';
import { runPublicationJob } from '../support/publication.js';
import { gatewayQuery, login } from '../support/system.js';

/**
 * Pilotage, as the steering committee uses it on the demo data (Pas-de-Calais, 2025): filters that
 * change the charts, the charts drawn with the values of their tables, « < 11 » for small counts,
 * exports, the annual review, and a subgraph down (last: it is not restarted). The Département's
 * publication job runs first, as every night: a steering user reads its figures (docs/adr/0023;
 * before its first run, nothing is published: publication.test.ts).
 */

// The operations the dashboard's server sends to the gateway, as lines of its log (« [dashboard]
// [operation] {name, variables} »): a module Node loads into the processes the system starts
// (NODE_OPTIONS, kept by the launcher) writes one line per GraphQL operation the dashboard POSTs.
const OPERATION_LOG = join(tmpdir(), `passerelles-operations-${process.pid}.mjs`);
writeFileSync(
  OPERATION_LOG,
  `if ((process.argv[1] ?? '').endsWith('/dashboard/server.js')) {
  const send = globalThis.fetch;
  const log = (text) => {
    try {
      const body = JSON.parse(text);
      const name = typeof body.query === 'string' ? /\\b(?:query|mutation)\\s+(\\w+)/.exec(body.query)?.[1] : undefined;
      if (name) console.log('[operation] ' + JSON.stringify({ name, variables: body.variables ?? {} }));
    } catch {}
  };
  globalThis.fetch = function (input, init) {
    if (typeof init?.body === 'string') log(init.body);
    else if (input instanceof Request && input.method === 'POST') input.clone().text().then(log, () => undefined);
    return send.call(this, input, init);
  };
}
`,
);
const nodeOptions = process.env['NODE_OPTIONS'];
process.env['NODE_OPTIONS'] = [nodeOptions, `--import=${pathToFileURL(OPERATION_LOG).href}`].filter(Boolean).join(' ');

const ui = useDashboard();

// Only the system's processes load it: not the publication job nor anything started later.
beforeAll(() => {
  if (nodeOptions === undefined) delete process.env['NODE_OPTIONS'];
  else process.env['NODE_OPTIONS'] = nodeOptions;
});

interface Operation {
  name: string;
  variables: Record<string, unknown>;
}

/** The operations the dashboard sent since the log had `since` lines. */
const operationsSince = (since: number): Operation[] =>
  ui.system.logs
    .slice(since)
    .filter((line) => line.startsWith('[dashboard] [operation] '))
    .map((line) => JSON.parse(line.slice('[dashboard] [operation] '.length)) as Operation);

/** Opens a page and returns the operations its server load sent (every panel's: waited for until `sent` are all there). */
async function operationsOf(page: Page, path: string, sent: readonly string[]): Promise<Operation[]> {
  const since = ui.system.logs.length;
  await ui.open(page, path);
  await expect.poll(() => sent.filter((name) => !operationsSince(since).some((o) => o.name === name)), { timeout: 15_000 }).toEqual([]);
  return operationsSince(since);
}

/** The grid the job published: the periods a steering user is offered for the whole Département. */
let finest: string;

/** The last month the publication holds (YYYY-MM): the last closed when the job ran, ten days after its end. */
let throughMonth: string;

beforeAll(async () => {
  await runPublicationJob(ui.system, '62', { startAt: 3 });
  const { rows } = await ui.system.db.query<{ grid: { finest: string[] } | null; through_month: string }>(`select grid, through_month from beneficiaries.publication where department_code = '62'`);
  expect(rows[0]?.grid, 'the job published a grid for the 62').toBeTruthy();
  finest = rows[0]!.grid!.finest[0]!;
  throughMonth = rows[0]!.through_month;
}, 600_000);

/** The latest period of a level closed by `through` (YYYY-MM): `2026-10` by quarter is `2026-T3`, by year `2025`. */
function latestClosed(level: string, through: string): string {
  const [year, month] = [Number(through.slice(0, 4)), Number(through.slice(5, 7))];
  if (level === 'MONTH') return through;
  if (level === 'QUARTER') return month >= 3 ? `${year}-T${Math.floor(month / 3)}` : `${year - 1}-T4`;
  return String(month === 12 ? year : year - 1);
}

const YEAR_2025 = 'du=2025-01-01&au=2025-12-31';
const ARRAGEOIS = '62-arrageois';
const TERNOIS = '62-ternois';
/** The exit reasons in the API's order (the rows of « Sorties par motif »). */
const EXIT_REASONS = ['STABILISATION', 'EVOLUTION', 'FINANCIAL_CHANGE', 'DYNAMIC_EXIT', 'REORIENTATION', 'DROPPED_OUT', 'MOVED', 'DECEASED', 'OTHER'];

/** « 1 234 » → 1234, « 12,5 » → 12.5; « < 11 » and « — » are not numbers (null). */
const numberOf = (text: string): number | null => {
  const compact = text.replace(/[\s\u202f\u00a0]/g, '').replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(compact) ? Number(compact) : null;
};

interface ShownTable {
  columns: string[];
  /** Row header, then the cells' texts. */
  rows: string[][];
}

async function shownTable(scope: Page | Locator, id: string): Promise<ShownTable> {
  const table = scope.locator(`table[data-table="${id}"]`);
  const columns = (await table.locator('thead th').allTextContents()).map((t) => t.trim());
  const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())));
  return { columns, rows };
}

interface Drawn {
  labels: string[];
  datasets: { label: string; data: (number | null)[] }[];
}

/** The series a chart was drawn with (`data-values`, written once Chart.js has the data). */
async function drawn(scope: Page | Locator, id: string): Promise<Drawn> {
  const figure = scope.locator(`figure[data-chart="${id}"]`);
  await expect.poll(() => figure.getAttribute('data-values'), { timeout: 15_000 }).toBeTruthy();
  return JSON.parse((await figure.getAttribute('data-values'))!) as Drawn;
}

/** What a chart of a table must draw: its numbers, with gaps for « < 11 ». */
function expectedDrawing(table: ShownTable): Drawn {
  return {
    labels: table.rows.map((r) => r[0]!),
    datasets: table.columns.slice(1).map((label, j) => ({ label, data: table.rows.map((r) => numberOf(r[j + 1]!)) })),
  };
}

/** Exits of 2025 per reason in the database, for the whole Département or a territory: one count per row of « Sorties par motif ». */
async function exitsInDatabase(territoryId: string | null): Promise<string[]> {
  const { rows } = await ui.system.db.query<{ reason: string; n: number }>(
    `select coalesce(exit_reason, 'OTHER') as reason, count(*)::int as n from beneficiaries.accompaniment
      where department_code = '62' and ended_on between '2025-01-01' and '2025-12-31' and ($1::text is null or territory_id = $1) group by 1`,
    [territoryId],
  );
  return EXIT_REASONS.map((reason) => String(rows.find((r) => r.reason === reason)?.n ?? 0));
}

const card = (page: Page, label: string): Locator =>
  page.locator('.card').filter({ has: page.locator('.card-label', { hasText: new RegExp(`^${label}$`) }) }).locator('.card-value');

describe('Pilotage filters and charts', () => {
  it('draws each chart with the values of its table, and a territory or a period filter changes them', async () => {
    const page = await ui.pageAs('ADMIN');
    await ui.open(page, `/pilotage?${YEAR_2025}`);
    expect(await unavailableNotices(page)).toEqual([]);

    // Exits per reason: French labels, the database's counts, drawn as in the table.
    const department = await shownTable(page, 'sorties');
    expect(department.columns).toEqual(['Motif', 'Sorties']);
    expect(department.rows.map((r) => r[1])).toEqual(await exitsInDatabase(null));
    expect(department.rows.map((r) => r[0])).toEqual([
      'Stabilisation du parcours de vie',
      'Évolution de parcours',
      'Changement de situation financière',
      'Sortie dynamique (emploi, formation)',
      'Réorientation vers le droit commun',
      'Rupture de l’accompagnement',
      'Déménagement',
      'Décès',
      'Autre motif',
    ]);
    for (const id of ['mensuel', 'sorties', 'difficultes']) expect(await drawn(page, id), id).toEqual(expectedDrawing(await shownTable(page, id)));
    expect((await drawn(page, 'mensuel')).labels).toEqual(['janvier 2025', 'février 2025', 'mars 2025', 'avril 2025', 'mai 2025', 'juin 2025', 'juillet 2025', 'août 2025', 'septembre 2025', 'octobre 2025', 'novembre 2025', 'décembre 2025']);
    await expectAccessibleAndCapture(page, 'pilotage-admin');

    // A territory: the charts are drawn again with that territory's figures.
    const before = await drawn(page, 'sorties');
    await page.getByLabel('Territoire', { exact: true }).selectOption({ label: 'Arrageois' });
    await page.waitForURL((url) => url.searchParams.get('territoire') === ARRAGEOIS);
    await expect.poll(async () => JSON.stringify(await drawn(page, 'sorties')), { timeout: 15_000 }).not.toBe(JSON.stringify(before));
    const sorties = await shownTable(page, 'sorties');
    expect(sorties.rows.map((r) => r[1])).toEqual(await exitsInDatabase(ARRAGEOIS));
    for (const id of ['mensuel', 'sorties', 'difficultes']) expect(await drawn(page, id), id).toEqual(expectedDrawing(await shownTable(page, id)));
    // The comparison keeps every territory, with the one chosen marked.
    const comparison = page.getByTestId('comparaison');
    expect(await comparison.locator('tbody tr').count()).toBe(9);
    expect(await comparison.locator('tr[aria-current="true"] th').textContent()).toBe('Arrageois (sélection)');

    // A shorter period, from the calendar the filter offers: a quarter, three months drawn.
    expect(await page.getByLabel('Période', { exact: true }).inputValue()).toBe('2025');
    await page.getByLabel('Période', { exact: true }).selectOption({ label: '3e trimestre 2025' });
    await page.waitForURL((url) => url.searchParams.get('periode') === '2025-T3');
    await expect.poll(async () => (await drawn(page, 'mensuel')).labels, { timeout: 15_000 }).toEqual(['juillet 2025', 'août 2025', 'septembre 2025']);
    expect(await drawn(page, 'mensuel')).toEqual(expectedDrawing(await shownTable(page, 'mensuel')));
    await page.close();
  });

  it('offers the calendar’s years, quarters and months, and refuses other periods to a steering user with the reason', async () => {
    const page = await ui.pageAs('STEERING');
    await ui.open(page, '/pilotage');
    const period = page.getByLabel('Période', { exact: true });
    // Default: the most recent period published — the latest closed of the grid's finest level for the Département.
    expect(await period.inputValue()).toBe(latestClosed(finest, throughMonth));
    const labels = await period.locator('option').allTextContents();
    // The calendar's closed periods, down to the finest the publication's grid has for the Département: none cut at today.
    expect(labels).toContain('Année 2025');
    expect(labels.includes('1er trimestre 2025')).toBe(finest !== 'YEAR');
    expect(labels.includes('Novembre 2025')).toBe(finest === 'MONTH');
    expect(labels.some((l) => l.includes('période libre'))).toBe(false);
    expect(labels.filter((l) => l.includes('jusqu’au'))).toEqual([]);
    expect(await page.locator('#periodes-calendrier').textContent()).toContain('terminés');
    expect(await page.locator('#periodes-calendrier').textContent()).toContain('secret statistique');
    await screenshot(page, 'pilotage-periode-par-defaut');
    // Dates that differ from a calendar period by a few days: refused, saying why.
    const response = await page.goto(`${ui.url}/pilotage?du=2025-01-01&au=2025-12-30`);
    expect(response!.status()).toBe(400);
    expect(await page.locator('main').textContent()).toContain('Choisissez une année, un trimestre ou un mois.');
    await screenshot(page, 'pilotage-periode-hors-calendrier');
    // An administrator's default stays this year so far (exact, live figures); it keeps free dates, shown as such.
    const admin = await ui.pageAs('ADMIN');
    await ui.open(admin, '/pilotage');
    expect(await admin.getByLabel('Période', { exact: true }).inputValue()).toBe(parisToday().slice(0, 4));
    await ui.open(admin, '/pilotage?du=2025-01-01&au=2025-12-30');
    expect(await admin.getByLabel('Période', { exact: true }).locator('option:checked').textContent()).toContain('période libre, administrateurs');
    await Promise.all([page.close(), admin.close()]);
  });

  it('compares the territories over the period and scope chosen, against the database', async () => {
    const page = await ui.pageAs('ADMIN');
    await ui.open(page, `/pilotage?${YEAR_2025}`);
    const table = await shownTable(page.getByTestId('comparaison'), 'territoires');
    expect(table.columns.slice(0, 5)).toEqual(['Territoire', 'Personnes accueillies', 'Personnes accompagnées', 'File active en fin de période', 'Places en fin de période']);
    const { rows } = await ui.system.db.query<{ territory_id: string; welcomed: number; active: number }>(
      `select territory_id, count(distinct beneficiary_id) filter (where started_on between '2025-01-01' and '2025-12-31')::int as welcomed,
              count(distinct beneficiary_id) filter (where started_on <= '2025-12-31' and (ended_on is null or ended_on > '2025-12-31'))::int as active
         from beneficiaries.accompaniment where department_code = '62' group by 1`,
    );
    const arras = rows.find((r) => r.territory_id === ARRAGEOIS)!;
    const row = table.rows.find((r) => r[0] === 'Arrageois')!;
    expect([numberOf(row[1]!), numberOf(row[3]!)]).toEqual([arras.welcomed, arras.active]);
    // 2025: the Arrageois convention holds 180 places, 200 000 € committed.
    expect(numberOf(row[4]!)).toBe(180);
    expect(numberOf(row[11]!)).toBe(200_000);
    expect(await drawn(page.getByTestId('comparaison'), 'territoires')).toEqual(
      expectedDrawing({ columns: ['Territoire', 'Personnes accueillies', 'File active en fin de période', 'Places en fin de période'], rows: table.rows.map((r) => [r[0]!, r[1]!, r[3]!, r[4]!]) }),
    );
    // Occupancy (docs/contracts.md « Occupancy »): the active caseload of the conventions in force on
    // the last day ÷ their places in force that day; unit costs from the places and money of the same conventions.
    const places = numberOf((await card(page, 'Places conventionnées').textContent())!)!;
    expect(places).toBe(1035);
    const { rows: end } = await ui.system.db.query<{ places: number; active: number }>(
      `select (select sum(places)::int from contracts.convention where department_code = '62' and starts_on <= '2025-12-31' and ends_on >= '2025-12-31') as places,
              (select count(distinct a.beneficiary_id)::int from beneficiaries.accompaniment a join contracts.convention c on c.id = a.convention_id
                where c.department_code = '62' and c.starts_on <= '2025-12-31' and c.ends_on >= '2025-12-31'
                  and a.started_on <= '2025-12-31' and (a.ended_on is null or a.ended_on > '2025-12-31')) as active`,
    );
    const rate = Math.round((end[0]!.active / end[0]!.places) * 10_000) / 10_000;
    const shown = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 }).format(rate);
    expect(await card(page, 'Taux d’occupation des places').textContent()).toBe(shown);
    const detail = page.locator('.card').filter({ has: page.locator('.card-label', { hasText: /^Taux d’occupation des places$/ }) }).locator('.card-detail');
    expect((await detail.textContent())!.replace(/[\u00a0\u202f]/g, ' ')).toContain(`${end[0]!.active} / ${end[0]!.places.toLocaleString('fr-FR').replace(/[\u00a0\u202f]/g, ' ')} (${shown.replace(/[\u00a0\u202f]/g, ' ')})`);
    expect(await card(page, 'Coût par place conventionnée').textContent()).toBe('1\u202f047\u00a0€');
    // The partners' decision time: the median days from sending to the answer of the referrals sent in 2025.
    const { rows: decisions } = await ui.system.db.query<{ median: number }>(
      `select percentile_cont(0.5) within group (order by r.answered_on - r.sent_on)::float8 as median
         from beneficiaries.referral r join beneficiaries.accompaniment a on a.id = r.accompaniment_id
        where r.department_code = '62' and r.sent_on between '2025-01-01' and '2025-12-31' and r.answered_on is not null`,
    );
    const decision = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(Math.round(decisions[0]!.median * 100) / 100);
    expect(await card(page, 'Délai de réponse des partenaires').textContent()).toBe(`${decision} j`);
    await page.close();
  });

  it('says so when the period holds no accompaniment, instead of drawing zeros', async () => {
    const page = await ui.pageAs('ADMIN');
    await ui.open(page, '/pilotage?du=2024-01-01&au=2024-06-30');
    await expect.poll(() => page.getByRole('status').allTextContents()).toContainEqual(expect.stringContaining('Aucun accompagnement sur cette période'));
    for (const id of ['sorties', 'difficultes', 'mensuel']) {
      expect(await page.getByTestId(`graphique-${id}`).locator('canvas').count(), id).toBe(0);
    }
    expect(await page.getByTestId('graphique-sorties').textContent()).toContain('Aucune sortie sur la période.');
    expect(await card(page, 'Personnes accueillies').textContent()).toBe('0');
    await page.close();
  });

  it('lists the legal delays of 2025 with the version of their definitions, as computed directly in the database', async () => {
    // The chain computed here, independently: people whose right opened since 2025, their first orientation, the first
    // accompaniment started on or after its notification (else their first started), its first referral accepted.
    const { rows } = await ui.system.db.query<{ step: string; n: number; median: number | null; p90: number | null; within: number | null }>(
      `with first_orientation as (
         select distinct on (beneficiary_id) beneficiary_id, decided_on, notified_on from beneficiaries.orientation
          where department_code = '62' order by beneficiary_id, decided_on, created_at, id),
       chain as (
         select coalesce(b.rights_opened_on, b.rsa_entry_date) as opened, f.decided_on as decided, f.notified_on as notified, a.started_on as started,
                (select min(cs.signed_on) from beneficiaries.contract_signature cs where cs.beneficiary_id = b.id and cs.signed_on >= f.notified_on) as contract,
                (select min(r.answered_on) from beneficiaries.referral r where r.accompaniment_id = a.id and r.status in ('ACCEPTED', 'DONE', 'NO_SHOW')) as partner
           from beneficiaries.beneficiary b join first_orientation f on f.beneficiary_id = b.id
           left join lateral (select x.id, x.started_on from beneficiaries.accompaniment x where x.beneficiary_id = b.id and x.started_on is not null
                               order by case when f.notified_on is not null and x.started_on >= f.notified_on then 0 else 1 end, x.started_on, x.id limit 1) a on true
          where b.department_code = '62' and coalesce(b.rights_opened_on, b.rsa_entry_date) >= '2025-01-01'),
       steps as (
         select 1 as i, 'decided' as step, decided - opened as days, decided as ends from chain
         union all select 2, 'notified', notified - decided, notified from chain
         union all select 3, 'contract', contract - notified, contract from chain
         union all select 4, 'interview', started - notified, started from chain
         union all select 5, 'partner', partner - started, partner from chain)
       select step, count(days)::int as n,
              round(percentile_cont(0.5) within group (order by days)::numeric, 2)::float8 as median,
              round(percentile_cont(0.9) within group (order by days)::numeric, 2)::float8 as p90,
              case when step = 'decided' then round(100 * avg((days <= 42)::int)::numeric, 1)::float8
                   when step = 'contract' then round(100 * avg((ends <= (ends - days + interval '1 month')::date)::int)::numeric, 1)::float8 end as within
         from steps where ends between '2025-01-01' and '2025-12-31' and days >= 0 group by i, step order by i`,
    );
    const page = await ui.pageAs('ADMIN');
    await ui.open(page, `/pilotage?${YEAR_2025}`);
    expect(await unavailableNotices(page)).toEqual([]);
    const section = page.locator('section[aria-labelledby="titre-delais"]');
    await section.scrollIntoViewIfNeeded();
    expect(await section.locator('h2').textContent()).toBe('Délais légaux');
    expect(await page.getByTestId('definitions-delais').textContent()).toMatch(/^Définitions : version 2025-01 \(Loi pour le plein emploi .*décret n° 2024-1244.*\)$/);
    const shown = await shownTable(section, 'delais');
    expect(shown.columns).toEqual(['Étape', 'Personnes', 'Médiane (jours)', '90e centile (jours)', 'Délai légal', 'Part dans le délai légal (%)']);
    expect(shown.rows.map((r) => r[0])).toEqual([
      'Orientation décidée (depuis l’ouverture du droit)',
      'Orientation notifiée (depuis la décision)',
      'Contrat signé (depuis la notification)',
      'Premier entretien avec le référent (depuis la notification)',
      'Premier rendez-vous partenaire accepté (depuis le premier entretien)',
    ]);
    const targets: Record<string, string> = { decided: '42 jours', contract: '1 mois' };
    const expected = ['decided', 'notified', 'contract', 'interview', 'partner'].map((step) => {
      const row = rows.find((r) => r.step === step);
      return [row?.n ?? 0, row?.median ?? null, row?.p90 ?? null, targets[step] ?? '—', targets[step] ? (row?.within ?? null) : null];
    });
    expect(shown.rows.map((r) => [...r.slice(1, 4).map(numberOf), r[4], numberOf(r[5]!)])).toEqual(expected);
    expect(expected[0]![0]).toBeGreaterThan(10); // the demo holds people whose right opened in 2025
    expect(expected[2]![0]).toBeGreaterThan(10); // and contracts signed after their orientation was notified
    expect(await section.locator('.note').textContent()).toContain('Définitions : version 2025-01');
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'pilotage-delais-legaux');
    await page.close();
  });
});

describe('small counts for the steering committee', () => {
  it('shows « < 11 » with its explanation in cards, tables and charts to a steering user, and exact counts to an administrator', async () => {
    const path = `/pilotage?${YEAR_2025}&territoire=${TERNOIS}`;
    const { rows } = await ui.system.db.query<{ n: number; accompaniments: number }>(
      `select count(distinct beneficiary_id)::int as n, count(*)::int as accompaniments from beneficiaries.accompaniment
        where department_code = '62' and territory_id = $1 and started_on between '2025-01-01' and '2025-12-31'`,
      [TERNOIS],
    );
    const welcomed = rows[0]!.n;
    // The Ternois convention started in September 2025: a small territory that year, in people and in
    // accompaniments started (what the publication counts).
    expect(welcomed).toBeGreaterThan(0);
    expect(rows[0]!.accompaniments).toBeLessThan(11);

    const admin = await ui.pageAs('ADMIN');
    await ui.open(admin, path);
    expect(await card(admin, 'Personnes accueillies').textContent()).toBe(String(welcomed));
    expect(await admin.locator('#secret-statistique').count()).toBe(0);
    await admin.close();

    const page = await ui.pageAs('STEERING');
    await ui.open(page, path);
    expect(await card(page, 'Personnes accueillies').textContent()).toBe('< 11');
    expect(await page.locator('#secret-statistique').textContent()).toContain('effectif compris entre 1 et 10, masqué pour protéger l’anonymat des personnes');
    // Difficulties are published for the whole reach over a year only: for a territory, one sentence says so instead of a chart.
    expect(await page.getByTestId('statistiques-par-annee').textContent()).toContain('ne sont publiés que par année civile, pour l’ensemble du Département');
    expect(await page.getByTestId('graphique-difficultes').count()).toBe(0);
    // The rate of occupation would give the caseload of the conventions away, which the publication
    // does not hold: not published, as that caseload.
    expect(await card(page, 'Taux d’occupation des places').textContent()).toBe('non publié à ce niveau');
    const ternois = (await shownTable(page.getByTestId('comparaison'), 'territoires')).rows.find((r) => r[0]?.startsWith('Ternois'))!;
    expect(ternois.slice(1, 4)).toEqual(['< 11', '< 11', '< 11']);
    await expectAccessibleAndCapture(page, 'pilotage-steering-suppression');

    // For the Département, the hidden exits are gaps in the chart, and « < 11 » in its table.
    await ui.open(page, `/pilotage?${YEAR_2025}`);
    const exits = await shownTable(page, 'sorties');
    expect(exits.rows.some((r) => r[1] === '< 11')).toBe(true);
    const chart = await drawn(page, 'sorties');
    expect(chart).toEqual(expectedDrawing(exits));
    expect(chart.datasets[0]!.data.filter((v) => v === null)).toHaveLength(exits.rows.filter((r) => r[1] === '< 11' || r[1] === 'secret secondaire').length);
    await page.close();
  });

  it('shows a steering user the CER and sanctions of a calendar year only, and says so once for a quarter instead of cards « non publié à ce niveau »', async () => {
    const page = await ui.pageAs('STEERING');
    await ui.open(page, `/pilotage?${YEAR_2025}`);
    // A year of the whole Département: the CER signed, without those in force at the end (a stock, never published to them).
    expect(await card(page, 'CER signés').count()).toBe(1);
    const cerCard = page.locator('.card').filter({ has: page.locator('.card-label', { hasText: /^CER signés$/ }) });
    expect(await cerCard.textContent()).not.toContain('en cours en fin de période');
    expect(await page.getByTestId('cer-par-annee').count()).toBe(0);
    expect(await page.getByTestId('sanctions-par-annee').count()).toBe(0);
    // CER per territory are not published to them: the column says so rather than stay empty.
    const comparison = await shownTable(page.getByTestId('comparaison'), 'territoires');
    const cerColumn = comparison.columns.indexOf('CER signés');
    expect(cerColumn).toBeGreaterThan(0);
    expect(new Set(comparison.rows.map((r) => r[cerColumn]))).toEqual(new Set(['non publié par territoire']));

    // A quarter: one sentence near the cards, no CER card, and none « non publié à ce niveau » about contracts.
    await ui.open(page, '/pilotage?periode=2025-T3');
    expect(await page.getByTestId('cer-par-annee').textContent()).toBe(
      'Les chiffres des contrats (CER) ne sont publiés que par année civile, pour l’ensemble du Département (secret statistique) : choisissez une année, sans territoire ni opérateur, pour les voir.',
    );
    expect(await page.locator('.card-label').filter({ hasText: 'CER' }).count()).toBe(0);
    expect(await page.getByTestId('sanctions-par-annee').textContent()).toContain('Les chiffres des sanctions ne sont publiés que par année civile');
    expect(await page.locator('section[aria-labelledby="titre-sanctions"] .card').count()).toBe(0);
    await page.getByTestId('cer-par-annee').scrollIntoViewIfNeeded();
    await expectAccessibleAndCapture(page, 'pilotage-steering-cer-trimestre');

    // An administrator keeps every CER figure for a quarter, with those in force at the end.
    const admin = await ui.pageAs('ADMIN');
    await ui.open(admin, '/pilotage?periode=2025-T3');
    expect(await admin.getByTestId('cer-par-annee').count()).toBe(0);
    const adminCer = admin.locator('.card').filter({ has: admin.locator('.card-label', { hasText: /^CER signés$/ }) });
    expect(await adminCer.locator('.card-detail').textContent()).toMatch(/ en cours en fin de période$/);
    await Promise.all([page.close(), admin.close()]);
  });
  it('says once to a steering user on a quarter that delays, difficulties, partners’ replies and appointments are published by year, instead of cards « non publié à ce niveau »', async () => {
    const STATISTICS = ['Délai moyen avant le premier entretien', 'Premiers entretiens sous 30 jours', 'Rendez-vous honorés', 'Orientations vers les partenaires', 'Délai de réponse des partenaires'];
    const SENTENCE =
      'Les délais (dont les délais légaux), difficultés psychiques, réponses des partenaires et rendez-vous honorés ne sont publiés que par année civile, pour l’ensemble du Département (secret statistique) : choisissez une année, sans filtre, pour les voir.';
    const page = await ui.pageAs('STEERING');
    // A year of the whole Département: the cards, the difficulties and the legal delays, no sentence.
    await ui.open(page, `/pilotage?${YEAR_2025}`);
    expect(await page.getByTestId('statistiques-par-annee').count()).toBe(0);
    for (const label of STATISTICS) expect(await card(page, label).count(), label).toBe(1);
    expect(await page.getByTestId('graphique-difficultes').count()).toBe(1);
    expect(await page.locator('section[aria-labelledby="titre-delais"] table[data-table="delais"]').count()).toBe(1);

    // A quarter: the sentence, once; no such card, none reading « non publié à ce niveau »; no difficulties nor legal delays.
    await ui.open(page, '/pilotage?periode=2025-T3');
    expect(await page.getByTestId('statistiques-par-annee').allTextContents()).toEqual([SENTENCE]);
    for (const label of STATISTICS) expect(await card(page, label).count(), label).toBe(0);
    const delayCards = page.locator('.card').filter({ has: page.locator('.card-label', { hasText: /Délai|Rendez-vous|Orientations|entretien/ }) });
    expect(await delayCards.filter({ hasText: 'non publié à ce niveau' }).count()).toBe(0);
    expect(await page.getByTestId('graphique-difficultes').count()).toBe(0);
    expect(await page.locator('section[aria-labelledby="titre-delais"]').count()).toBe(0);
    // The review of a territory's year says it in the note of its indicators, with no table of legal delays.
    await ui.open(page, `/pilotage/bilan?annee=2025&territoire=${ARRAGEOIS}`);
    expect(await page.locator('table[data-table="delais"]').count()).toBe(0);
    expect((await page.locator('.note').allTextContents()).some((note) => note.includes(SENTENCE))).toBe(true);
    await ui.open(page, '/pilotage?periode=2025-T3');
    await page.getByTestId('statistiques-par-annee').scrollIntoViewIfNeeded();
    await expectAccessibleAndCapture(page, 'pilotage-steering-statistiques-trimestre');

    // An administrator keeps them for a quarter.
    const admin = await ui.pageAs('ADMIN');
    await ui.open(admin, '/pilotage?periode=2025-T3');
    expect(await admin.getByTestId('statistiques-par-annee').count()).toBe(0);
    for (const label of STATISTICS) expect(await card(admin, label).count(), label).toBe(1);
    expect(await admin.locator('section[aria-labelledby="titre-delais"] table[data-table="delais"]').count()).toBe(1);
    await Promise.all([page.close(), admin.close()]);
  });
});

describe('what Pilotage asks and shows to callers without exact counts', () => {
  const STATISTICS = ['Délai moyen avant le premier entretien', 'Premiers entretiens sous 30 jours', 'Rendez-vous honorés', 'Orientations vers les partenaires', 'Délai de réponse des partenaires'];
  const ALWAYS = ['PilotagePublication', 'PilotageProgrammes', 'PilotageFilters', 'PilotageIndicators', 'PilotageComparison', 'PilotageComparisonPlaces', 'PilotageFunding'];
  const names = (operations: readonly Operation[]): string[] => [...new Set(operations.map((o) => o.name))].sort();
  const indicatorsAsked = (operations: readonly Operation[]): Operation['variables'] => operations.find((o) => o.name === 'PilotageIndicators')!.variables;

  it('shows an operator filtered on its own structure the figures of its whole reach, as the API publishes them', async () => {
    const { rows } = await ui.system.db.query<{ partner_id: string }>('select partner_id from auth.app_user where email = $1', [ACCOUNTS.OPERATOR]);
    const own = rows[0]!.partner_id;
    const other = (await ui.system.db.query<{ id: string }>(`select id from partners.partner where department_code = '62' and id <> $1 order by name limit 1`, [own])).rows[0]!.id;
    // The API: an operator's own structure is its whole reach (the same answer as no operator), another one's is a filter.
    const token = await login(ui.system, ACCOUNTS.OPERATOR, DEMO_PASSWORD);
    const referrals = async (operatorId: string | null): Promise<{ value: number | null; rule: string | null }> => {
      const answer = await gatewayQuery<{ indicators: { referralDecision: { sent: { value: number | null; rule: string | null } } } }>(
        ui.system,
        token,
        'query ($scope: IndicatorScopeInput, $period: PeriodInput!) { indicators(scope: $scope, period: $period) { referralDecision { sent { value rule } } } }',
        { scope: { operatorId }, period: { from: '2025-01-01', to: '2025-12-31' } },
      );
      expect(answer.errors).toEqual([]);
      return answer.data!.indicators.referralDecision.sent;
    };
    expect(await referrals(own)).toEqual(await referrals(null));
    expect((await referrals(other)).rule).toBe('NOT_PUBLISHED');
    // Whether the publication's grid holds an operator's structure (a grid of the Département only does not).
    const published = (await referrals(own)).rule !== 'NOT_PUBLISHED';

    const page = await ui.pageAs('OPERATOR');
    const shown = async (): Promise<{ sentences: string[]; cards: (string | null)[]; cer: (string | null)[]; delays: number }> => ({
      sentences: await page.locator('[data-testid="statistiques-par-annee"], [data-testid="cer-par-annee"]').allTextContents(),
      cards: await Promise.all(STATISTICS.map(async (label) => ((await card(page, label).count()) === 0 ? null : (await card(page, label).textContent())!.trim()))),
      cer: await page.locator('.card-label').filter({ hasText: 'CER' }).allTextContents(),
      delays: await page.locator('section[aria-labelledby="titre-delais"] table[data-table="delais"]').count(),
    });
    const asked = await operationsOf(page, '/pilotage?periode=2025', ALWAYS);
    const reach = await shown();
    // The conventions' money is not the operator's to read: never asked (only to be refused), and said so.
    const money = (operations: readonly Operation[]): unknown[] => operations.filter((o) => ['PilotageFunding', 'PilotageComparisonPlaces'].includes(o.name)).map((o) => o.variables['money']);
    expect(money(asked)).toEqual([false, false]);
    expect(await page.getByText('Votre rôle ne donne pas accès aux montants des conventions.').count()).toBeGreaterThan(0);
    expect(money(await operationsOf(page, '/pilotage/bilan?annee=2025', ['PilotageFunding', 'PilotageComparisonPlaces']))).toEqual([false, false]);
    // Its own structure chosen: the same page as its whole reach, the filter on « all » (which is its structure).
    await ui.open(page, `/pilotage?periode=2025&operateur=${own}`);
    expect(await page.getByLabel('Opérateur', { exact: true }).inputValue()).toBe('');
    expect(await shown()).toEqual(reach);
    // The CER of its year, as the API publishes them for its whole reach.
    expect(reach.cer).toEqual(['CER signés', 'CER renouvelés', 'Objectifs des CER atteints']);
    if (published) {
      expect(reach).toMatchObject({ sentences: [], delays: 1 });
      expect(reach.cards.every((text) => text !== null && text !== 'non publié à ce niveau')).toBe(true);
    } else {
      // Not held by the grid: said once, not as cards « non publié à ce niveau ».
      expect(reach).toMatchObject({
        sentences: ['Les délais (dont les délais légaux), difficultés psychiques, réponses des partenaires et rendez-vous honorés ne sont pas publiés pour votre périmètre : la publication du Département ne le détaille pas (secret statistique).'],
        cards: STATISTICS.map(() => null),
        delays: 0,
      });
    }
    await page.locator('[data-testid="statistiques-par-annee"], section[aria-labelledby="titre-delais"]').first().scrollIntoViewIfNeeded();
    await expectAccessibleAndCapture(page, 'pilotage-operateur-sa-structure');
    // Another structure: not its whole reach, the sentences instead of the cards.
    await ui.open(page, `/pilotage?periode=2025&operateur=${other}`);
    expect((await page.getByTestId('statistiques-par-annee').textContent())!).toContain('ne sont publiés que par année civile');
    expect(await page.getByTestId('cer-par-annee').count()).toBe(1);
    for (const label of STATISTICS) expect(await card(page, label).count(), label).toBe(0);
    await page.close();
  });

  it('does not ask the API for the figures it will not show (CER, legal delays, statistics, sanctions, CER per territory)', async () => {
    const page = await ui.pageAs('STEERING');
    // A quarter: every such family is « non publié » to steering; the page says so without asking.
    const quarter = await operationsOf(page, '/pilotage?periode=2025-T3', ALWAYS);
    expect(names(quarter)).toEqual([...ALWAYS].sort());
    expect(indicatorsAsked(quarter)['statistics']).toBe(false);
    expect(await page.getByTestId('cer-par-annee').count()).toBe(1);
    expect(await page.getByTestId('statistiques-par-annee').count()).toBe(1);
    expect(await page.getByTestId('sanctions-par-annee').count()).toBe(1);
    for (const label of STATISTICS) expect(await card(page, label).count(), label).toBe(0);

    // The year of the whole Département: CER, legal delays, statistics and sanctions are asked (CER per territory are not published to steering).
    const year = await operationsOf(page, '/pilotage?periode=2025', ALWAYS);
    expect(names(year)).toEqual([...ALWAYS, 'PilotageContracts', 'PilotageDelays', 'PilotageSanctions'].sort());
    expect(year.filter((o) => o.name === 'PilotageFunding').map((o) => o.variables['money'])).toEqual([true]);
    expect(indicatorsAsked(year)['statistics']).toBe(true);
    for (const label of [...STATISTICS, 'CER signés']) expect(await card(page, label).count(), label).toBe(1);
    expect(new Set((await shownTable(page.getByTestId('comparaison'), 'territoires')).rows.map((r) => r[10]))).toEqual(new Set(['non publié par territoire']));

    // The annual review of a territory: neither CER nor legal delays nor statistics.
    const review = await operationsOf(page, `/pilotage/bilan?annee=2025&territoire=${ARRAGEOIS}`, ['PilotageIndicators', 'PilotageFunding']);
    expect(names(review).filter((n) => ['PilotageContracts', 'PilotageComparisonContracts', 'PilotageDelays'].includes(n))).toEqual([]);
    expect(indicatorsAsked(review)['statistics']).toBe(false);

    // An administrator still gets everything for a quarter. With no territory chosen, the CER panel
    // asks the comparison's very scope: its rows per territory fill the comparison's CER column (asked once).
    const admin = await ui.pageAs('ADMIN');
    const exactAlways = ALWAYS.filter((n) => n !== 'PilotagePublication');
    const exact = await operationsOf(admin, '/pilotage?periode=2025-T3', exactAlways);
    expect(names(exact)).toEqual([...exactAlways, 'PilotageContracts', 'PilotageDelays', 'PilotageSanctions'].sort());
    expect(indicatorsAsked(exact)['statistics']).toBe(true);
    const compared = await shownTable(admin.getByTestId('comparaison'), 'territoires');
    const cerSigned = compared.rows.map((r) => r[compared.columns.indexOf('CER signés')]);
    expect(cerSigned.filter((cell) => cell === undefined || cell === 'non publié par territoire')).toEqual([]);
    expect(cerSigned.some((cell) => /^\d/.test(cell!))).toBe(true);
    // A territory chosen: its CER in the panel, every territory's in the comparison.
    const oneTerritory = await operationsOf(admin, `/pilotage?periode=2025-T3&territoire=${ARRAGEOIS}`, [...exactAlways, 'PilotageComparisonContracts']);
    expect(names(oneTerritory)).toEqual([...exactAlways, 'PilotageContracts', 'PilotageComparisonContracts', 'PilotageDelays', 'PilotageSanctions'].sort());
    expect(oneTerritory.filter((o) => o.name === 'PilotageContracts').map((o) => (o.variables['scope'] as { territoryId: string | null }).territoryId)).toEqual([ARRAGEOIS]);
    expect(oneTerritory.filter((o) => o.name === 'PilotageComparisonContracts').map((o) => (o.variables['scope'] as { territoryId: string | null }).territoryId)).toEqual([null]);
    await Promise.all([page.close(), admin.close()]);
  });

  it('says why « Sorties par motif » has nothing to draw for a steering user’s quarter, instead of an empty chart', async () => {
    const page = await ui.pageAs('STEERING');
    await ui.open(page, '/pilotage?periode=2025-T3');
    const block = page.getByTestId('graphique-sorties');
    const exits = await shownTable(block, 'sorties');
    expect(exits.rows).toHaveLength(EXIT_REASONS.length);
    // The quarter's exits per reason are all hidden (« < 11 », secret secondaire or non publié): no bar to draw.
    expect(exits.rows.filter(([, value]) => (numberOf(value!) ?? 0) > 0)).toEqual([]);
    expect(await block.locator('canvas').count()).toBe(0);
    expect(await block.getByTestId('non-publie-sorties').textContent()).toBe(
      'Sorties par motif toutes masquées (secret statistique : « < 11 », secret secondaire ou non publié à ce niveau) : rien à dessiner, le tableau dit ce qui est publié pour chaque motif.',
    );
    await block.scrollIntoViewIfNeeded();
    await expectAccessibleAndCapture(page, 'pilotage-steering-sorties-trimestre');
    // The year: the published reasons are drawn.
    await ui.open(page, `/pilotage?${YEAR_2025}`);
    expect(await page.getByTestId('graphique-sorties').getByTestId('non-publie-sorties').count()).toBe(0);
    expect(await drawn(page, 'sorties')).toEqual(expectedDrawing(await shownTable(page, 'sorties')));
    await page.close();
  });
});

describe('exports', () => {
  it('exports « Sorties par motif » as CSV with the page’s rows, French labels and « < 11 » for steering, while saying it is being prepared', async () => {
    const page = await ui.pageAs('STEERING');
    await ui.open(page, `/pilotage?${YEAR_2025}`);
    const block = page.getByTestId('graphique-sorties');
    const shown = await shownTable(block, 'sorties');
    // The database holds small counts for some reasons in 2025: the page hides them (and may hide
    // another so that they cannot be recomputed from the total).
    const inDatabase = (await exitsInDatabase(null)).map(Number);
    expect(inDatabase.some((n) => n > 0 && n < 11)).toBe(true);
    shown.rows.forEach(([label, value], i) => {
      if (inDatabase[i]! > 0 && inDatabase[i]! < 11) expect(value, label).toBe('< 11');
      else expect([String(inDatabase[i]), 'secret secondaire'], label).toContain(value);
    });
    expect(shown.rows.filter(([, value]) => /^\d+$/.test(value!)).length, 'some reasons published').toBeGreaterThan(0);
    // The file names the publication its figures come from, as the page does.
    const notice = (await page.getByTestId('grille-publication').textContent())!;
    expect(notice).toContain('selon la grille : ');

    // Hold the file back to see the link say it is being prepared.
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/pilotage/export?*', async (route) => {
      await held;
      await route.continue();
    });
    const link = block.getByRole('link', { name: 'CSV' });
    const download = page.waitForEvent('download');
    await link.click();
    const preparing = block.locator('a[aria-busy="true"]');
    await expect.poll(() => preparing.textContent()).toBe('Préparation…');
    expect(await block.getByRole('status').textContent()).toContain('préparation du fichier CSV « Sorties par motif »');
    release();
    const file = await download;
    expect(file.suggestedFilename()).toBe('pilotage-2025-01-01-2025-12-31-sorties.csv');
    await expect.poll(() => preparing.count()).toBe(0);
    await page.unroute('**/pilotage/export?*');

    const csv = await readFile((await file.path())!, 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1)).toBe(`${['Motif;Sorties', ...shown.rows.map(([label, value]) => `${label};${value}`), '', notice].join('\r\n')}\r\n`);
    await page.close();
  });

  it('exports the comparison of territories as XLSX with the same rows as the page', async () => {
    const page = await ui.pageAs('STEERING');
    await ui.open(page, `/pilotage?${YEAR_2025}`);
    const comparison = page.getByTestId('comparaison');
    const shown = await shownTable(comparison, 'territoires');
    const [download] = await Promise.all([page.waitForEvent('download'), comparison.getByRole('link', { name: 'XLSX' }).click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('Comparaison des territoires sur');
    const values = (r: number): unknown[] => (sheet.getRow(r).values as unknown[]).slice(1);
    expect(values(1)).toEqual(shown.columns);
    expect(shown.rows).toHaveLength(9);
    shown.rows.forEach((row, i) => {
      // Numbers stay numbers in the workbook; « < 11 » and unknown (« — ») stay as on the page.
      const expected = row.map((cell, j) => (j === 0 ? cell : (numberOf(cell) ?? (cell === '—' ? undefined : cell))));
      const got = values(i + 2);
      expect(Array.from({ length: row.length }, (_, j) => got[j]), row[0]).toEqual(expected);
    });
    expect(values(9 + 3)[0]).toContain('« < 11 »');
    // Then the publication's notice, as on the page.
    expect(values(9 + 4)[0]).toBe(await page.getByTestId('grille-publication').textContent());
    await page.close();
  });
});

describe('the annual review (« bilan »)', () => {
  it('prints every indicator of 2025, per territory and funding, with the suppression note and no navigation', async () => {
    const page = await ui.pageAs('STEERING');
    await ui.open(page, '/pilotage/bilan?annee=2025');
    expect(await page.locator('h1').textContent()).toBe('Bilan annuel 2025');
    expect(await page.locator('.department').textContent()).toBe('Pas-de-Calais (62)');
    expect(await page.locator('dl').textContent()).toContain('du 1er janvier 2025 au 31 décembre 2025');
    expect(await page.locator('.secret').textContent()).toContain('« < 11 » : effectif compris entre 1 et 10');
    // The review handed out names the publication its figures come from.
    expect(await page.getByTestId('bilan-publication').textContent()).toMatch(/Chiffres arrêtés à fin [a-zéû]+ \d{4}, publiés le \d{1,2}(er)? [a-zéû]+ \d{4}, selon la grille : /);
    expect(await unavailableNotices(page)).toEqual([]);
    // The publication counts accompaniments started (a person accompanied twice counts twice).
    const { rows } = await ui.system.db.query<{ n: number }>(
      `select count(*)::int as n from beneficiaries.accompaniment where department_code = '62' and started_on between '2025-01-01' and '2025-12-31'`,
    );
    const indicators = await shownTable(page, 'indicateurs');
    expect(indicators.rows.find((r) => r[0] === 'Personnes accueillies')?.[1]).toBe(new Intl.NumberFormat('fr-FR').format(rows[0]!.n));
    expect((await shownTable(page, 'mensuel')).rows.map((r) => r[0])).toHaveLength(12);
    expect((await shownTable(page, 'sorties')).rows.map((r) => r[0])).toHaveLength(EXIT_REASONS.length);
    expect((await shownTable(page, 'territoires')).rows).toHaveLength(9);
    const money = await shownTable(page, 'financements');
    expect(money.rows.find((r) => r[0] === 'Engagé (€)')?.[1]).toBe('1\u202f083\u202f333,33');
    expect((await shownTable(page, 'cofinancement')).rows).toEqual([['Département', '1\u202f083\u202f333,33', '100']]);
    // Each table of the review is exported with the year's filters.
    expect(await page.getByTestId('bilan-sorties').getByRole('link', { name: 'CSV' }).getAttribute('href')).toContain('du=2025-01-01&au=2025-12-31&tableau=sorties&format=csv');
    await expectAccessibleAndCapture(page, 'pilotage-bilan');

    // Printed: no navigation nor form, each part on its own page.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.site-header').isVisible()).toBe(false);
    expect(await page.locator('form.no-print').isVisible()).toBe(false);
    expect(await page.getByRole('link', { name: 'CSV' }).first().isVisible()).toBe(false);
    const breaks = await page.locator('section.bilan-section').evaluateAll((sections) => sections.map((s) => getComputedStyle(s).breakBefore));
    expect(breaks).toEqual(['auto', 'page', 'page']);
    await screenshot(page, 'pilotage-bilan-print');
    await page.emulateMedia({ media: 'screen' });
    // With no year asked: the last year published to a steering user, closed (ten days after its end).
    await ui.open(page, '/pilotage/bilan');
    expect(await page.locator('h1').textContent()).toBe(`Bilan annuel ${latestClosed('YEAR', throughMonth)}`);
    await page.close();
  });
});

describe('a subgraph down', () => {
  it('blanks only the parts that need contracts, and the rest of Pilotage works', async () => {
    const page = await ui.pageAs('ADMIN');
    await ui.system.stopService('contracts');
    await ui.open(page, `/pilotage?${YEAR_2025}`);
    const notices = await unavailableNotices(page);
    expect(notices).toContainEqual(expect.stringContaining('Les données « contrats d’engagement » sont momentanément indisponibles'));
    expect(notices).toContainEqual(expect.stringContaining('Les données « conventions et financements » sont momentanément indisponibles'));
    expect(notices).toContainEqual(expect.stringContaining('Les places et financements par territoire sont momentanément indisponibles'));
    // Accompaniments and the comparison (beneficiaries) still work.
    expect(numberOf((await card(page, 'Personnes accueillies').textContent())!)).toBeGreaterThan(0);
    expect(await drawn(page, 'sorties')).toEqual(expectedDrawing(await shownTable(page, 'sorties')));
    expect(await page.getByTestId('comparaison').locator('tbody tr').count()).toBe(9);
    await expectAccessible(page);
    await page.close();
  });
});
