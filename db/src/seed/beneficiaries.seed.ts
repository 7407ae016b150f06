import type pg from 'pg';
import { conventions } from './contracts.catalogue.js';
import { idOf } from './ids.js';
import { generatePopulation, type AccompanyingConvention, type ResidenceCommune } from './population.js';
import { insertRows } from './sql.js';

/** The demo is dated: its people are accompanied as of this day (deterministic on every machine). */
export const DEMO_AS_OF = '2026-11-15';
/** Size of the demo's synthetic population per Département (a slice of the real scale). */
export const DEMO_POPULATION: Record<string, number> = { '62': 1500, '25': 400 };

/** A synthetic population per Département, accompanied under the demo conventions. */
export async function seedBeneficiaries(client: pg.ClientBase): Promise<{ beneficiaries: number; accompaniments: number }> {
  let beneficiaryCount = 0;
  let accompanimentCount = 0;
  for (const [departmentCode, size] of Object.entries(DEMO_POPULATION)) {
    const communes = await client.query<{ commune_code: string; territory_id: string; population: number | null }>(
      `select tc.commune_code, tc.territory_id, c.population from ref.territory_commune tc
         join ref.commune c on c.code = tc.commune_code where tc.department_code = $1 order by tc.commune_code`,
      [departmentCode],
    );
    const residences: ResidenceCommune[] = communes.rows.map((r) => ({ communeCode: r.commune_code, territoryId: r.territory_id, population: r.population ?? 0 }));
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
    await insertRows(
      client,
      'beneficiaries.beneficiary',
      ['id', 'department_code', 'commune_code', 'territory_id', 'sex', 'birth_year', 'household_type', 'rsa_entry_date', 'orientation_kind'],
      ['uuid', 'text', 'text', 'text', 'text', 'int', 'text', 'date', 'text'],
      population.beneficiaries.map((b) => [b.id, b.departmentCode, b.communeCode, b.territoryId, b.sex, b.birthYear, b.householdType, b.rsaEntryDate, b.orientationKind]),
    );
    await insertRows(
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
  return { beneficiaries: beneficiaryCount, accompaniments: accompanimentCount };
}
