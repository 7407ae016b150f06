import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { expectAccessibleAndCapture, useDashboard } from '../support/dashboard.js';
import { lastDayOf, latestClosed, publishFromThirdGrid, type PublishedGrid } from '../support/publication.js';

/**
 * Territoires and Couverture read each territory's caseload as the Département publishes it
 * (statistical secrecy, docs/adr/0023): a caseload is published only at the end of a closed period
 * the grid holds for one territory, never today. A steering user sees it at that date, labelled so —
 * the same figure as Pilotage's comparison of territories for that period — and an administrator
 * keeps today's live caseload. This file's database is its own: the job run here touches no other file's.
 */
const ui = useDashboard();

let grid: PublishedGrid;
let throughMonth: string;

const longDay = (iso: string): string => {
  const text = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T12:00:00Z`));
  return text.replace(/^1 /, '1er ');
};

/** A cell as compared: its shown value (« 1 234 » → `1234`, « < 11 », « secret secondaire »…), without the words read to screen readers. */
const valueOf = (text: string): string => text.replace(/\s*\(.*$/s, '').replace(/[\s\u202f\u00a0]/g, '');

/** « 1 234 » → 1234; hidden counts are not numbers (null). */
const numberOf = (text: string | null): number | null => {
  const compact = valueOf(text ?? '');
  return /^\d+$/.test(compact) ? Number(compact) : null;
};

/** The rows of a table as shown: the row's name, then its cells. */
function rowsOf(page: Page, selector: string): Promise<string[][]> {
  return page.locator(`${selector} tbody tr`).evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())));
}

/** Territoires' people column per territory name (the 5th cell: territory, type, communes, partners, people). */
async function territoriesCaseloads(page: Page): Promise<Map<string, string>> {
  return new Map((await rowsOf(page, 'table')).map((row) => [row[0]!, valueOf(row[4]!)]));
}

describe('before the publication job’s first run', () => {
  it('says in one sentence to a steering user that the caseload per territory is not published yet, instead of a column of « non publié »', async () => {
    const page = await ui.pageAs('STEERING');
    await ui.open(page, '/territoires');
    expect(await page.getByTestId('non-publie').count()).toBe(1);
    expect((await page.getByTestId('file-active-publiee').textContent())!.trim()).toBe(
      'Les personnes accompagnées par territoire ne sont pas encore publiées : voir l’avertissement ci-dessus.',
    );
    expect(await page.getByTestId('colonne-personnes').count()).toBe(0);
    expect(await page.locator('tbody td', { hasText: 'non publié à ce niveau' }).count()).toBe(0);
    await expectAccessibleAndCapture(page, 'territoires-publication-pas-encore');
    await page.close();
  });
});

describe('Territoires on the Département’s publication', () => {
  beforeAll(async () => {
    ({ grid, throughMonth } = await publishFromThirdGrid(ui.system, '62'));
  }, 600_000);

  it('shows a steering user each territory’s caseload as published, with its date — the same figure as Pilotage’s comparison of territories for that period, and on the map', async () => {
    const page = await ui.pageAs('STEERING');
    await ui.open(page, '/territoires');
    expect(await page.getByTestId('non-publie').count()).toBe(0);
    if (grid.crossings === 0) {
      // No territory on the grid: one sentence, no column.
      expect((await page.getByTestId('file-active-publiee').textContent())!.trim()).toBe(
        'Les personnes accompagnées ne sont pas publiées par territoire : la grille du Département ne publie que le Département entier (secret statistique).',
      );
      expect(await page.getByTestId('colonne-personnes').count()).toBe(0);
      await expectAccessibleAndCapture(page, 'territoires-publication-pilotage');
      await page.close();
      return;
    }
    // The end of the latest closed period the grid holds for one territory.
    const period = latestClosed(grid.finest[1]!, throughMonth);
    const end = lastDayOf(period);
    const label = `File active au ${longDay(end)} (chiffres publiés)`;
    expect((await page.getByTestId('colonne-personnes').textContent())!.trim()).toBe(label);
    expect(await page.getByTestId('file-active-publiee').textContent()).toContain(`file active au ${longDay(end)} telle que le`);
    const territories = await territoriesCaseloads(page);
    expect(territories.size).toBe(9);
    const shown = [...territories.values()];
    // Published: numbers, or hidden by a rule that says why (« < 11 », « secret secondaire »), not a column of « non publié à ce niveau ».
    expect(shown.filter((v) => /^\d+$/.test(v)).length, `the caseloads ${shown.join(', ')}`).toBeGreaterThan(0);
    shown.forEach((v) => expect(['<11', 'secretsecondaire', 'nonpubliéàceniveau'].includes(v) || /^\d+$/.test(v), v).toBe(true));
    expect(shown.filter((v) => v === 'nonpubliéàceniveau')).toEqual([]);
    // Each published figure is the number of accompaniments in progress at the period's end in that territory.
    const { rows: active } = await ui.system.db.query<{ territory: string; n: number }>(
      `select t.name as territory, count(*)::int as n from beneficiaries.accompaniment a join ref.territory t on t.id = a.territory_id
        where a.department_code = '62' and a.started_on <= $1 and (a.ended_on is null or a.ended_on > $1) group by t.name`,
      [end],
    );
    expect(active.length).toBeGreaterThan(0);
    for (const row of active) {
      const value = territories.get(row.territory);
      if (value && /^\d+$/.test(value)) expect(Number(value), row.territory).toBe(row.n);
    }
    const total = await page.locator('tfoot td').nth(2).textContent();
    await expectAccessibleAndCapture(page, 'territoires-publication-pilotage');

    // Pilotage, the same period: its comparison of territories shows the same caseload at the period's end, territory by territory.
    await ui.open(page, `/pilotage?periode=${period}`);
    expect(await page.getByLabel('Période', { exact: true }).inputValue()).toBe(period);
    const comparison = await rowsOf(page, 'table[data-table="territoires"]');
    expect(comparison).toHaveLength(9);
    expect(new Map(comparison.map((row) => [row[0]!, valueOf(row[3]!)]))).toEqual(territories);
    // The total: the Département's caseload at the period's end, Pilotage's card.
    const card = page.locator('.card').filter({ has: page.locator('.card-label', { hasText: /^File active en fin de période$/ }) }).locator('.card-value');
    expect(valueOf((await card.textContent())!)).toBe(valueOf(total!));
    await page.locator('table[data-table="territoires"]').evaluate((table) => table.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'territoires-publication-pilotage-comparaison');

    // Couverture, coloured by the people accompanied: the same figures, the same date.
    await ui.open(page, '/couverture?mesure=accompagnes');
    expect(await page.getByTestId('file-active-publiee').textContent()).toContain(label);
    expect(await page.locator('#titre-legende').textContent()).toBe(`Légende — ${label}`);
    const onMap = await page.getByTestId('carte').locator('path.shape').evaluateAll((paths) => paths.map((p) => ({ aria: p.getAttribute('aria-label') ?? '', value: p.getAttribute('data-value') ?? '' })));
    expect(onMap).toHaveLength(9);
    for (const [name, value] of territories) {
      const shape = onMap.find(({ aria }) => aria.startsWith(`${name} : `));
      expect(shape, name).toBeDefined();
      if (/^\d+$/.test(value)) expect(shape!.value, name).toBe(value);
      else expect(shape!.value, name).toBe('');
    }
    await expectAccessibleAndCapture(page, 'territoires-publication-couverture');
    // The territory's panel: the caseload as published, labelled with its date.
    const [name, value] = [...territories].find(([, v]) => /^\d+$/.test(v))!;
    const id = await page
      .getByTestId('carte')
      .locator('path.shape')
      .evaluateAll((paths, wanted) => paths.find((p) => (p.getAttribute('aria-label') ?? '').startsWith(`${wanted} : `))?.getAttribute('data-id') ?? null, name);
    expect(id, name).not.toBeNull();
    await ui.open(page, `/couverture?mesure=accompagnes&territoire=${id}`);
    const panel = page.getByTestId('panneau-territoire');
    const dt = panel.locator('dt', { hasText: label });
    expect(await dt.count()).toBe(1);
    expect(valueOf((await dt.locator('xpath=following-sibling::dd[1]').textContent())!)).toBe(value);
    await screenshot(page, 'territoires-publication-couverture-panneau');
    await page.close();
  });

  it('shows an administrator today’s live caseload, labelled as before, with no publication note', async () => {
    const admin = await ui.pageAs('ADMIN');
    await ui.open(admin, '/territoires');
    expect((await admin.getByTestId('colonne-personnes').textContent())!.trim()).toBe('Personnes accompagnées');
    expect(await admin.getByTestId('file-active-publiee').count()).toBe(0);
    const territories = await territoriesCaseloads(admin);
    expect([...territories.values()].every((v) => /^\d+$/.test(v)), [...territories.values()].join(', ')).toBe(true);
    // Today's: the accompaniments in progress today, as `Territory.activeCaseload` counts them.
    const total = numberOf(await admin.locator('tfoot td').nth(2).textContent());
    expect(total).toBe([...territories.values()].reduce((sum, v) => sum + Number(v), 0));
    await expectAccessibleAndCapture(admin, 'territoires-publication-admin');
    await ui.open(admin, '/couverture?mesure=accompagnes');
    expect(await admin.locator('#titre-legende').textContent()).toBe('Légende — Personnes accompagnées');
    expect(await admin.getByTestId('file-active-publiee').count()).toBe(0);
    await admin.close();
  });
});
