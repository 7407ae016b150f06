import pg from 'pg';
import { conventions, idOf, partners, programmes } from './catalogue.js';
import { generatePopulation, type AccompanyingConvention, type ResidenceCommune } from './population.js';

export interface SeedResult {
  seeded: boolean;
  programmes: number;
  partners: number;
  conventions: number;
  beneficiaries: number;
  accompaniments: number;
}

/** The demo is dated: its people are accompanied as of this day (deterministic on every machine). */
export const DEMO_AS_OF = '2026-11-15';
/** Size of the demo's synthetic population per Département (a slice of the real scale). */
export const DEMO_POPULATION: Record<string, number> = { '62': 1500, '25': 400 };

/** Whether the demo (or any real data) is already there: the seed never writes over existing data. */
export async function isDatabaseSeeded(databaseUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const result = await client.query<{ seeded: boolean }>('select exists (select 1 from funding.programme) as seeded');
    return result.rows[0]?.seeded ?? false;
  } finally {
    await client.end();
  }
}

const insert = async (client: pg.Client, table: string, columns: string[], types: string[], rows: unknown[][]): Promise<void> => {
  if (rows.length === 0) return;
  const arrays = columns.map((_, i) => rows.map((r) => r[i]));
  const params = types.map((t, i) => `$${i + 1}::${t}[]`).join(', ');
  await client.query(`insert into ${table} (${columns.join(', ')}) select * from unnest(${params})`, arrays);
};

/**
 * Writes the demo data into the four subgraph schemas in one transaction: the programmes, partners
 * and conventions of DOMAIN.md, their commitments, and a synthetic population. Requires the
 * subgraphs' migrations to have run. Does nothing on a database that already holds data.
 */
export async function seedDemo(databaseUrl: string): Promise<SeedResult> {
  const empty: SeedResult = { seeded: false, programmes: 0, partners: 0, conventions: 0, beneficiaries: 0, accompaniments: 0 };
  if (await isDatabaseSeeded(databaseUrl)) return empty;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('begin');
    await client.query('select pg_advisory_xact_lock(hashtext($1))', ['passerelles.seed.demo']);
    await insert(
      client,
      'funding.programme',
      ['id', 'department_code', 'name', 'description'],
      ['uuid', 'text', 'text', 'text'],
      programmes.map((p) => [idOf.programme(p.key), p.departmentCode, p.name, p.description]),
    );
    await insert(
      client,
      'partners.partner',
      ['id', 'department_code', 'name', 'kind', 'commune_code'],
      ['uuid', 'text', 'text', 'text', 'text'],
      partners.map((p) => [idOf.partner(p.key), p.departmentCode, p.name, p.kind, p.communeCode]),
    );
    await insert(
      client,
      'contracts.convention',
      ['id', 'department_code', 'operator_id', 'programme_id', 'name', 'starts_on', 'ends_on', 'fte', 'places', 'signed_on'],
      ['uuid', 'text', 'uuid', 'uuid', 'text', 'date', 'date', 'numeric', 'int', 'date'],
      conventions.map((c) => [
        idOf.convention(c.key),
        c.departmentCode,
        idOf.partner(c.operator),
        idOf.programme(c.programme),
        c.name,
        c.startsOn,
        c.endsOn,
        c.fte,
        c.places,
        c.signedOn,
      ]),
    );
    await insert(
      client,
      'contracts.convention_territory',
      ['department_code', 'convention_id', 'territory_id', 'places'],
      ['text', 'uuid', 'text', 'int'],
      conventions.flatMap((c) => Object.entries(c.territories).map(([t, places]) => [c.departmentCode, idOf.convention(c.key), t, places])),
    );
    await insert(
      client,
      'funding.funding_commitment',
      ['id', 'department_code', 'programme_id', 'convention_id', 'amount_cents', 'budget_year'],
      ['uuid', 'text', 'uuid', 'uuid', 'bigint', 'int'],
      conventions.flatMap((c) =>
        Object.entries(c.commitments).map(([year, cents]) => [
          idOf.commitment(c.key, Number(year)),
          c.departmentCode,
          idOf.programme(c.programme),
          idOf.convention(c.key),
          cents,
          Number(year),
        ]),
      ),
    );

    let beneficiaryCount = 0;
    let accompanimentCount = 0;
    for (const [departmentCode, size] of Object.entries(DEMO_POPULATION)) {
      const communes = await client.query<{ commune_code: string; territory_id: string; population: number | null }>(
        `select tc.commune_code, tc.territory_id, c.population from ref.territory_commune tc
           join ref.commune c on c.code = tc.commune_code where tc.department_code = $1 order by tc.commune_code`,
        [departmentCode],
      );
      const residences: ResidenceCommune[] = communes.rows.map((r) => ({
        communeCode: r.commune_code,
        territoryId: r.territory_id,
        population: r.population ?? 0,
      }));
      const accompanying: AccompanyingConvention[] = conventions
        .filter((c) => c.departmentCode === departmentCode)
        .map((c) => ({
          id: idOf.convention(c.key),
          programmeId: idOf.programme(c.programme),
          operatorId: idOf.partner(c.operator),
          startsOn: c.startsOn,
          endsOn: c.endsOn,
          territoryIds: Object.keys(c.territories),
        }));
      const population = generatePopulation({
        departmentCode,
        size,
        seed: Number(departmentCode.replace(/\D/g, '')) || 1,
        asOf: DEMO_AS_OF,
        communes: residences,
        conventions: accompanying,
        shareAccompanied: 0.3,
      });
      await insert(
        client,
        'beneficiaries.beneficiary',
        ['id', 'department_code', 'commune_code', 'territory_id', 'sex', 'birth_year', 'household_type', 'rsa_entry_date', 'orientation_kind'],
        ['uuid', 'text', 'text', 'text', 'text', 'int', 'text', 'date', 'text'],
        population.beneficiaries.map((b) => [b.id, b.departmentCode, b.communeCode, b.territoryId, b.sex, b.birthYear, b.householdType, b.rsaEntryDate, b.orientationKind]),
      );
      await insert(
        client,
        'beneficiaries.accompaniment',
        ['id', 'department_code', 'beneficiary_id', 'programme_id', 'operator_id', 'convention_id', 'territory_id', 'prescribed_on', 'started_on', 'ended_on', 'exit_reason'],
        ['uuid', 'text', 'uuid', 'uuid', 'uuid', 'uuid', 'text', 'date', 'date', 'date', 'text'],
        population.accompaniments.map((a) => [
          a.id,
          a.departmentCode,
          a.beneficiaryId,
          a.programmeId,
          a.operatorId,
          a.conventionId,
          a.territoryId,
          a.prescribedOn,
          a.startedOn,
          a.endedOn,
          a.exitReason,
        ]),
      );
      beneficiaryCount += population.beneficiaries.length;
      accompanimentCount += population.accompaniments.length;
    }
    await client.query('commit');
    return {
      seeded: true,
      programmes: programmes.length,
      partners: partners.length,
      conventions: conventions.length,
      beneficiaries: beneficiaryCount,
      accompaniments: accompanimentCount,
    };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
