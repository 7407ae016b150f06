import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from '../support/browser.js';
import { ACCOUNTS, expectAccessible, unavailableNotices, useDashboard } from '../support/dashboard.js';

/** Conventions & financements: the table (occupancy, money, final reports), its export, a convention's page. */
const ui = useDashboard();

const soon = { timeout: 15_000 };
const euros = (cents: number): string => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(cents / 100);
const rowNames = (page: Page): Promise<string[]> => page.getByRole('table', { name: 'Conventions, occupation et financements' }).locator('tbody th').allTextContents();

/** Conventions of the Pas-de-Calais in the database, with what was committed to each, by name. */
async function conventionsInDb(operatorEmail?: string): Promise<{ id: string; name: string; committed: number }[]> {
  const { rows } = await ui.system.db.query<{ id: string; name: string; committed: string }>(
    `select c.id, c.name, (select coalesce(sum(f.amount_cents), 0) from funding.funding_commitment f where f.convention_id = c.id)::text as committed
       from contracts.convention c
      where c.department_code = '62' and ($1::text is null or c.operator_id = (select partner_id from auth.app_user where email = $1))
      order by c.name`,
    [operatorEmail ?? null],
  );
  return rows.map((r) => ({ ...r, committed: Number(r.committed) }));
}

describe('Conventions & financements', () => {
  it('shows an administrator every convention with occupancy, money and overdue final reports, and exports the table', async () => {
    const page = await ui.pageAs('ADMIN');
    await ui.open(page, '/conventions');
    expect(await unavailableNotices(page)).toEqual([]);
    const expected = await conventionsInDb();
    expect(expected.length).toBeGreaterThan(10);
    expect((await rowNames(page)).sort()).toEqual(expected.map((c) => c.name).sort());

    const row = (name: string) => page.getByRole('row', { name: new RegExp(`^${name}`) });
    const arras2026 = expected.find((c) => c.name === 'Référent spécifique santé 2026 — arrageois')!;
    // fr-FR figures use no-break spaces (thousands, « % », « € »): compared as plain spaces.
    const plain = (texts: string[]): string[] => texts.map((t) => t.replace(/[\u00a0\u202f]/g, ' ').trim());
    const cells = plain(await row(arras2026.name).locator('td').allTextContents());
    expect(cells[0]).toBe('Croix-Rouge française — délégation du Pas-de-Calais');
    expect(cells[2]).toBe('180');
    expect(cells[3]).toMatch(/^\d+ \/ 180 \(\d+(,\d)? %\)$/); // active caseload / places (occupancy)
    expect(cells[4]).toBe(plain([euros(arras2026.committed)])[0]);
    // The Calaisis did not send its 2025 final report (due 31 March 2026): overdue, highlighted.
    const calaisis = row('Référent spécifique santé 2025 — calaisis');
    expect(await calaisis.locator('td').last().textContent()).toBe('en retard : attendu le 31 mars 2026');
    expect(await calaisis.getAttribute('class')).toContain('overdue');
    expect(await row('Référent spécifique santé 2025 — arrageois').locator('td').last().textContent()).toBe('reçu le 12 mars 2026');
    await expectAccessible(page);
    await screenshot(page, 'conventions-liste');

    // The CSV export has the same conventions, the same amounts (in euros), in French columns.
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'CSV' }).click();
    const file = await (await download).path();
    const csv = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
    const [header, ...lines] = csv.trim().split('\r\n').map((l) => l.split(';'));
    expect(header?.slice(0, 3)).toEqual(['Convention', 'Opérateur', 'Programme']);
    expect(lines.map((l) => l[0]).sort()).toEqual(expected.map((c) => c.name).sort());
    const exported = lines.find((l) => l[0] === arras2026.name)!;
    expect(exported[header!.indexOf('Engagé (€)')]).toBe(String(arras2026.committed / 100).replace('.', ','));
    expect(exported.slice(1, 3)).toEqual(['Croix-Rouge française — délégation du Pas-de-Calais', 'Référent spécifique santé']);
    await page.close();
  });

  it('shows a convention’s payments, co-funding, territories, objectives and final report', async () => {
    const page = await ui.pageAs('ADMIN');
    await ui.open(page, '/conventions');
    await page.getByRole('link', { name: 'Référent spécifique santé 2025 — lens-lievin' }).click();
    await expect.poll(() => page.locator('h1').textContent(), soon).toBe('Référent spécifique santé 2025 — lens-lievin');
    expect(await unavailableNotices(page)).toEqual([]);
    const { rows: payments } = await ui.system.db.query<{ kind: string; amount_cents: string }>(
      `select p.kind, p.amount_cents::text from funding.payment p join contracts.convention c on c.id = p.convention_id
        where c.name = 'Référent spécifique santé 2025 — lens-lievin' order by p.due_on`,
    );
    const shown = await page.getByTestId('paiements').locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th')?.textContent, tr.querySelector('td:last-child')?.textContent]));
    expect(shown).toEqual(payments.map((p) => [p.kind === 'ADVANCE' ? 'Avance' : 'Solde', euros(Number(p.amount_cents))]));
    const cofunding = page.getByRole('table', { name: 'Répartition du montant engagé par financeur' });
    expect(await cofunding.locator('tbody tr').first().textContent()).toMatch(/^Département.*100 %$/);
    expect(await page.getByRole('table', { name: 'Places par territoire' }).locator('tbody tr').allTextContents()).toEqual(['Lens-Liévin180']);
    expect(await page.getByRole('table', { name: 'Objectifs de la convention' }).locator('tbody tr').count()).toBe(3);
    expect(await page.getByTestId('bilan-final').textContent()).toBe('reçu le 20 mars 2026');
    // Lens-Liévin declared 150 of its 180 places filled; the balance rule reduces what is due on
    // the occupancy of its last day, shown beside it (the same figures as « Occupation au dernier jour »).
    expect(await page.locator('dt:text-is("Places occupées déclarées") + dd').textContent()).toBe('150');
    const { rows: closing } = await ui.system.db.query<{ closing_caseload: number; closing_places: number }>(
      `select r.closing_caseload, r.closing_places from funding.final_report r join contracts.convention c on c.id = r.convention_id where c.name = 'Référent spécifique santé 2025 — lens-lievin'`,
    );
    expect((await page.getByTestId('base-solde').textContent())?.replace(/\s+/g, ' ').trim()).toBe(`${closing[0]!.closing_caseload} personnes en file active pour ${closing[0]!.closing_places} places`);
    // Ended on 31 December 2025: the page shows the occupancy of its last day — the balance's basis — not people still followed ÷ 0 places.
    const occupancy = page.locator('dt:has-text("Occupation au dernier jour, le 31 décembre 2025") + dd');
    expect((await occupancy.textContent())?.replace(/\s+/g, ' ')).toContain(`${closing[0]!.closing_caseload} / ${closing[0]!.closing_places}`);
    expect(await page.locator('dt:text-is("Dû à l’opérateur selon la règle du solde") + dd').textContent()).toContain('réduction de');
    await expectAccessible(page);
    await screenshot(page, 'convention-detail');
    await page.close();
  });

  it('shows an operator only its own conventions, and no other operator’s page', async () => {
    const page = await ui.pageAs('OPERATOR');
    await ui.open(page, '/conventions');
    const own = await conventionsInDb(ACCOUNTS.OPERATOR);
    expect(own.length).toBeGreaterThan(0);
    expect((await rowNames(page)).sort()).toEqual(own.map((c) => c.name).sort());
    const other = (await conventionsInDb()).find((c) => !own.some((o) => o.id === c.id))!;
    const response = await page.goto(`${ui.url}/conventions/${other.id}`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('body').textContent()).toContain('Cette convention est introuvable');
    await page.close();
  });

  // Last: it stops the funding subgraph for the rest of this file.
  it('keeps the conventions usable without the funding subgraph, and says which part is missing', async () => {
    await ui.system.stopService('funding');
    const page = await ui.pageAs('ADMIN');
    await ui.open(page, '/conventions');
    expect((await rowNames(page)).length).toBe((await conventionsInDb()).length);
    const first = page.getByRole('table', { name: 'Conventions, occupation et financements' }).locator('tbody tr').first();
    const cells = await first.locator('td').allTextContents();
    expect(cells[0]).not.toBe('indisponible'); // operators' names come from partners
    expect(cells.slice(4)).toEqual(['indisponible', 'indisponible', 'indisponible', 'indisponible']);
    await first.locator('th a').click();
    await expect.poll(() => unavailableNotices(page), soon).toEqual(['Les données « financement » sont momentanément indisponibles.']);
    expect(await page.getByRole('table', { name: 'Places par territoire' }).count()).toBe(1);
    await expectAccessible(page);
    await page.close();
  });
});
