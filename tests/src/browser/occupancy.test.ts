import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { useDashboard } from '../support/dashboard.js';

/**
 * One occupancy on every page (docs/contracts.md « Occupancy »): for the same convention on the
 * same day, the Conventions list, the convention's page, Couverture, Pilotage and the directory
 * page of its operator show the same « file active / places en vigueur (taux) ». An amendment
 * signed tomorrow raises the convention's places: today's places in force stay those of today.
 */
const ui = useDashboard();
const NAME = 'Référent spécifique santé 2026 — arrageois';
const today = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
const tomorrow = (): string => new Date(Date.parse(`${today()}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const plain = (text: string | null): string => (text ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();
const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });

interface Convention {
  id: string;
  operatorId: string;
  programmeId: string;
  territoryId: string;
  territoryName: string;
  places: number;
}

/** The convention, with tomorrow's amendment (180 → 270 places), and its occupancy today computed from the database. */
async function prepare(): Promise<{ convention: Convention; expected: string }> {
  const { db } = ui.system;
  const { rows } = await db.query<Convention>(
    `select c.id, c.operator_id as "operatorId", c.programme_id as "programmeId", ct.territory_id as "territoryId", t.name as "territoryName", c.places
       from contracts.convention c join contracts.convention_territory ct on ct.convention_id = c.id
       join ref.territory t on t.id = ct.territory_id
      where c.department_code = '62' and c.name = $1`,
    [NAME],
  );
  const convention = rows[0]!;
  if (convention.places === 180) {
    await db.query(
      `insert into contracts.convention_amendment (id, department_code, convention_id, number, signed_on, reason, fte_before, fte_after, places_before, places_after, starts_on_before, starts_on_after, ends_on_before, ends_on_after)
       select gen_random_uuid(), '62', c.id, 1, $2::date, 'Extension', c.fte, c.fte * 1.5, 180, 270, c.starts_on, c.starts_on, c.ends_on, c.ends_on from contracts.convention c where c.id = $1`,
      [convention.id, tomorrow()],
    );
    await db.query(`update contracts.convention set places = 270, fte = fte * 1.5 where id = $1`, [convention.id]);
    await db.query(`update contracts.convention_territory set places = 270 where convention_id = $1`, [convention.id]);
  }
  const caseload = await db.query<{ n: number }>(
    `select count(distinct beneficiary_id)::int as n from beneficiaries.accompaniment
      where convention_id = $1 and started_on <= $2::date and (ended_on is null or ended_on > $2::date)`,
    [convention.id, today()],
  );
  const n = caseload.rows[0]!.n;
  expect(n).toBeGreaterThan(10);
  const rate = Math.round((n / 180) * 10_000) / 10_000;
  return { convention: { ...convention, places: 180 }, expected: plain(`${n} / 180 (${percent.format(rate)})`) };
}

const occupancyIn = async (scope: Locator): Promise<string> => plain(await scope.getByTestId('occupation').first().textContent());

describe('one occupancy on every page', () => {
  it('shows the same active caseload, places in force and rate for a convention on Conventions, its page, Couverture, Pilotage and the directory', async () => {
    const { convention, expected } = await prepare();
    const page: Page = await ui.pageAs('ADMIN');

    await ui.open(page, '/conventions');
    const row = page.getByRole('row', { name: new RegExp(`^${NAME}`) });
    expect(await occupancyIn(row)).toBe(expected);

    await ui.open(page, `/conventions/${convention.id}`);
    expect(await occupancyIn(page.locator('main'))).toBe(expected);

    await ui.open(page, `/couverture?territoire=${convention.territoryId}`);
    expect(await occupancyIn(page.getByRole('listitem').filter({ hasText: NAME }))).toBe(expected);

    await ui.open(page, `/annuaire/${convention.operatorId}`);
    const entry = page.getByTestId('convention-places').filter({ hasText: NAME });
    expect(await occupancyIn(entry)).toBe(expected);
    expect(plain(await entry.textContent())).toContain('180 places conventionnées en vigueur');

    // Pilotage, narrowed to the convention's territory, operator and programme, the period ending today.
    await ui.open(page, `/pilotage?programme=${convention.programmeId}&territoire=${convention.territoryId}&operateur=${convention.operatorId}&du=${today().slice(0, 4)}-01-01&au=${today()}`);
    const card = page.locator('.card').filter({ has: page.locator('.card-label', { hasText: /^Taux d’occupation des places$/ }) });
    expect(plain(await card.locator('.card-detail').textContent())).toContain(`${expected} :`);

    // With a territory selected, the comparison shows every other territory's own places, not zeros.
    await ui.open(page, `/pilotage?programme=${convention.programmeId}&territoire=${convention.territoryId}&du=${today().slice(0, 4)}-01-01&au=${today()}`);
    const others = await ui.system.db.query<{ name: string; places: number }>(
      `select t.name, sum(ct.places)::int as places from contracts.convention c join contracts.convention_territory ct on ct.convention_id = c.id join ref.territory t on t.id = ct.territory_id
        where c.department_code = '62' and c.programme_id = $1 and c.starts_on <= $2::date and c.ends_on >= $2::date and ct.territory_id <> $3
        group by t.name order by t.name limit 1`,
      [convention.programmeId, today(), convention.territoryId],
    );
    expect(others.rows[0]?.places).toBeGreaterThan(0);
    {
      const other = page.getByTestId('comparaison').getByRole('row', { name: new RegExp(`^${others.rows[0]!.name}`) });
      const cells = (await other.locator('td').allTextContents()).map(plain);
      expect(cells[3]).toBe(String(others.rows[0]!.places));
    }
  });
});
