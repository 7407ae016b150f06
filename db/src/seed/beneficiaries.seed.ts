import type pg from 'pg';
import { conventions } from './contracts.catalogue.js';
import { demoId, idOf } from './ids.js';
import { partners, services } from './partners.catalogue.js';
import { generatePopulation, type AccompanyingConvention, type ReferralTarget, type ResidenceCommune, type SyntheticPopulation } from './population.js';
import { insertRows } from './sql.js';

/** The demo is dated: its people are accompanied as of this day (deterministic on every machine). */
export const DEMO_AS_OF = '2026-11-15';
/** Size of the demo's synthetic population per Département (a slice of the real scale). */
export const DEMO_POPULATION: Record<string, number> = { '62': 1500, '25': 400 };

/** Where a Département's synthetic people live: its territories' communes, weighted by population. */
export async function residenceCommunes(client: pg.ClientBase, departmentCode: string): Promise<ResidenceCommune[]> {
  const communes = await client.query<{ commune_code: string; territory_id: string; population: number | null }>(
    `select tc.commune_code, tc.territory_id, c.population from ref.territory_commune tc
       join ref.commune c on c.code = tc.commune_code where tc.department_code = $1 order by tc.commune_code, tc.territory_id`,
    [departmentCode],
  );
  return communes.rows.map((r) => ({ communeCode: r.commune_code, territoryId: r.territory_id, population: r.population ?? 0 }));
}

/** The demo conventions of a Département, as the generator needs them. */
export function demoAccompanyingConventions(departmentCode: string): AccompanyingConvention[] {
  return conventions
    .filter((c) => c.departmentCode === departmentCode)
    .map((c) => ({
      id: idOf.convention(c.key),
      programmeId: idOf.programme(c.programme),
      operatorId: idOf.partner(c.operator),
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      territoryIds: Object.keys(c.territories),
    }));
}

/** The demo partners of a Département people may be referred to (one service each). */
export function demoReferralTargets(departmentCode: string): ReferralTarget[] {
  // The demo's real services (partners.seed.ts writes them): a referral names a service that exists.
  const ofDepartment = new Set(partners.filter((p) => p.departmentCode === departmentCode).map((p) => p.key));
  return services.filter((s) => ofDepartment.has(s.partnerKey)).map((s) => ({ partnerId: idOf.partner(s.partnerKey), serviceId: demoId(`service:${s.key}`) }));
}

const textArray = (values: string[]): string => `{${values.join(',')}}`;

/** Writes a generated population (one statement per table; `npm run population` bulk-loads with COPY instead). */
export async function insertPopulation(client: pg.ClientBase, population: SyntheticPopulation): Promise<void> {
  const b = population.beneficiaries;
  if (b.length) {
    await client.query(
      `insert into beneficiaries.beneficiary (id, department_code, commune_code, territory_id, sex, birth_year, household_type, rsa_entry_date, orientation_kind, barriers, psychological_difficulties)
       select id, department_code, commune_code, territory_id, sex, birth_year, household_type, rsa_entry_date, orientation_kind, barriers::text[], difficulties::text[]
         from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::date[], $9::text[], $10::text[], $11::text[])
           as t(id, department_code, commune_code, territory_id, sex, birth_year, household_type, rsa_entry_date, orientation_kind, barriers, difficulties)`,
      [
        b.map((x) => x.id),
        b.map((x) => x.departmentCode),
        b.map((x) => x.communeCode),
        b.map((x) => x.territoryId),
        b.map((x) => x.sex),
        b.map((x) => x.birthYear),
        b.map((x) => x.householdType),
        b.map((x) => x.rsaEntryDate),
        b.map((x) => x.orientationKind),
        b.map((x) => textArray(x.barriers)),
        b.map((x) => textArray(x.psychologicalDifficulties)),
      ],
    );
  }
  await insertRows(
    client,
    'beneficiaries.accompaniment',
    ['id', 'department_code', 'beneficiary_id', 'programme_id', 'operator_id', 'convention_id', 'territory_id', 'referent_id', 'prescriber_id', 'prescribed_on', 'validated_on', 'started_on', 'final_review_on', 'ended_on', 'exit_reason', 'exit_sub_reason'],
    ['uuid', 'text', 'uuid', 'uuid', 'uuid', 'uuid', 'text', 'text', 'text', 'date', 'date', 'date', 'date', 'date', 'text', 'text'],
    population.accompaniments.map((a) => [a.id, a.departmentCode, a.beneficiaryId, a.programmeId, a.operatorId, a.conventionId, a.territoryId, a.referentId, a.prescriberId, a.prescribedOn, a.validatedOn, a.startedOn, a.finalReviewOn, a.endedOn, a.exitReason, a.exitSubReason]),
  );
  await insertRows(
    client,
    'beneficiaries.appointment',
    ['id', 'department_code', 'accompaniment_id', 'beneficiary_id', 'kind', 'scheduled_on', 'status'],
    ['uuid', 'text', 'uuid', 'uuid', 'text', 'date', 'text'],
    population.appointments.map((a) => [a.id, a.departmentCode, a.accompanimentId, a.beneficiaryId, a.kind, a.scheduledOn, a.status]),
  );
  await insertRows(
    client,
    'beneficiaries.referral',
    ['id', 'department_code', 'beneficiary_id', 'accompaniment_id', 'service_id', 'partner_id', 'status', 'sent_on', 'answered_on', 'closed_on', 'refusal_reason'],
    ['uuid', 'text', 'uuid', 'uuid', 'uuid', 'uuid', 'text', 'date', 'date', 'date', 'text'],
    population.referrals.map((r) => [r.id, r.departmentCode, r.beneficiaryId, r.accompanimentId, r.serviceId, r.partnerId, r.status, r.sentOn, r.answeredOn, r.closedOn, r.refusalReason]),
  );
}

/**
 * The demo référent and prescriber accounts (auth.catalogue.ts) take over the first synthetic
 * référent and prescriber of their territory, so that signing in as them shows a real caseload.
 */
const DEMO_ACCOUNTS: Record<string, string> = {
  'demo-referent:62-arrageois:1': idOf.user('referent.62@demo.passerelles.fr'),
  'demo-prescriber:62-arrageois:1': idOf.user('prescripteur.62@demo.passerelles.fr'),
};

function withDemoAccounts<P extends { accompaniments: { referentId: string; prescriberId: string }[] }>(population: P): P {
  return {
    ...population,
    accompaniments: population.accompaniments.map((a) => ({
      ...a,
      referentId: DEMO_ACCOUNTS[a.referentId] ?? a.referentId,
      prescriberId: DEMO_ACCOUNTS[a.prescriberId] ?? a.prescriberId,
    })),
  };
}

/** A synthetic population per Département, accompanied under the demo conventions. */
export async function seedBeneficiaries(client: pg.ClientBase): Promise<{ beneficiaries: number; accompaniments: number }> {
  let beneficiaryCount = 0;
  let accompanimentCount = 0;
  for (const [departmentCode, size] of Object.entries(DEMO_POPULATION)) {
    const population = generatePopulation({
      departmentCode,
      size,
      seed: Number(departmentCode.replace(/\D/g, '')) || 1,
      asOf: DEMO_AS_OF,
      communes: await residenceCommunes(client, departmentCode),
      conventions: demoAccompanyingConventions(departmentCode),
      shareAccompanied: 0.3,
      referralTargets: demoReferralTargets(departmentCode),
    });
    await insertPopulation(client, withDemoAccounts(population));
    beneficiaryCount += population.beneficiaries.length;
    accompanimentCount += population.accompaniments.length;
  }
  return { beneficiaries: beneficiaryCount, accompaniments: accompanimentCount };
}
