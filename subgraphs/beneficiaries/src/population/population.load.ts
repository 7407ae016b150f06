import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  addDays,
  DEMO_AS_OF,
  demoAccompanyingConventions,
  demoReferralTargets,
  generatePopulation,
  PAS_DE_CALAIS_SIZE,
  residenceCommunes,
  seedOrientations,
  seedSanctions,
  synthesiseContractSignatures,
  type SyntheticPopulation,
} from '@passerelles/db';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { accompanyingConventions, ensureTerritories, referralTargets } from './synthetic-geography.js';

/** One value in COPY's text format (the generator's values hold no tab, newline or backslash). */
const cell = (v: unknown): string => (v === null || v === undefined ? '\\N' : Array.isArray(v) ? `{${v.join(',')}}` : String(v));

async function copy(client: pg.ClientBase, table: string, columns: string[], rows: Iterable<unknown[]>): Promise<void> {
  function* lines(): Generator<string> {
    let batch: string[] = [];
    for (const row of rows) {
      batch.push(`${row.map(cell).join('\t')}\n`);
      if (batch.length === 5000) {
        yield batch.join('');
        batch = [];
      }
    }
    if (batch.length) yield batch.join('');
  }
  await pipeline(Readable.from(lines()), client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`)));
}

/** Bulk-loads a generated population with COPY, table by table, in the caller's transaction. */
export async function copyPopulation(client: pg.ClientBase, p: SyntheticPopulation): Promise<void> {
  await copy(
    client,
    'beneficiaries.beneficiary',
    ['id', 'department_code', 'commune_code', 'territory_id', 'sex', 'birth_year', 'household_type', 'rsa_entry_date', 'orientation_kind', 'barriers', 'psychological_difficulties'],
    p.beneficiaries.map((b) => [b.id, b.departmentCode, b.communeCode, b.territoryId, b.sex, b.birthYear, b.householdType, b.rsaEntryDate, b.orientationKind, b.barriers, b.psychologicalDifficulties]),
  );
  await copy(
    client,
    'beneficiaries.accompaniment',
    ['id', 'department_code', 'beneficiary_id', 'programme_id', 'operator_id', 'convention_id', 'territory_id', 'referent_id', 'prescriber_id', 'prescribed_on', 'validated_on', 'started_on', 'final_review_on', 'ended_on', 'exit_reason', 'exit_sub_reason'],
    p.accompaniments.map((a) => [a.id, a.departmentCode, a.beneficiaryId, a.programmeId, a.operatorId, a.conventionId, a.territoryId, a.referentId, a.prescriberId, a.prescribedOn, a.validatedOn, a.startedOn, a.finalReviewOn, a.endedOn, a.exitReason, a.exitSubReason]),
  );
  await copy(
    client,
    'beneficiaries.appointment',
    ['id', 'department_code', 'accompaniment_id', 'beneficiary_id', 'kind', 'scheduled_on', 'status'],
    p.appointments.map((a) => [a.id, a.departmentCode, a.accompanimentId, a.beneficiaryId, a.kind, a.scheduledOn, a.status]),
  );
  await copy(
    client,
    'beneficiaries.referral',
    ['id', 'department_code', 'beneficiary_id', 'accompaniment_id', 'service_id', 'partner_id', 'status', 'sent_on', 'answered_on', 'closed_on', 'refusal_reason'],
    p.referrals.map((r) => [r.id, r.departmentCode, r.beneficiaryId, r.accompanimentId, r.serviceId, r.partnerId, r.status, r.sentOn, r.answeredOn, r.closedOn, r.refusalReason]),
  );
}

export interface PopulationLoad {
  departmentCode: string;
  people: number;
  accompaniments: number;
  appointments: number;
  referrals: number;
  /** Synthetic territories created for a Département that had none (0 otherwise). */
  territoriesCreated: number;
  /** The law of 2025's data (issue 14): orientation decisions, contract signatures (as contracts would tell them), suspension-remobilisation procedures. */
  orientations: number;
  contractSignatures: number;
  sanctionProcedures: number;
  generateMs: number;
  copyMs: number;
  totalMs: number;
}

export interface PopulationOptions {
  size?: number;
  seed?: number;
  asOf?: string;
  /** Days of history before `asOf` (default 730: two years). */
  historyDays?: number;
}

/** Rows COPYed by a load (people, accompaniments, appointments, referrals). */
export const rowsOf = (load: Pick<PopulationLoad, 'people' | 'accompaniments' | 'appointments' | 'referrals'>): number =>
  load.people + load.accompaniments + load.appointments + load.referrals;

/** Generates one Département and COPYs it in its own transaction (no analyze). */
async function loadOne(client: pg.ClientBase, departmentCode: string, options: PopulationOptions): Promise<PopulationLoad> {
  const asOf = options.asOf ?? DEMO_AS_OF;
  const historyDays = options.historyDays ?? 730;
  const start = performance.now();
  await client.query('begin');
  try {
    const territoriesCreated = await ensureTerritories(client, departmentCode);
    const communes = await residenceCommunes(client, departmentCode);
    const historyStart = addDays(asOf, -historyDays);
    const conventions = accompanyingConventions(
      departmentCode,
      demoAccompanyingConventions(departmentCode),
      [...new Set(communes.map((c) => c.territoryId))],
    ).map((c) => ({ ...c, startsOn: historyStart, endsOn: asOf }));
    const population = generatePopulation({
      departmentCode,
      size: options.size ?? PAS_DE_CALAIS_SIZE,
      seed: options.seed ?? 20_261_122,
      asOf,
      communes,
      conventions,
      shareAccompanied: 0.45,
      historyDays,
      referralTargets: referralTargets(departmentCode, demoReferralTargets(departmentCode)),
    });
    const generated = performance.now();
    await copyPopulation(client, population);
    // The law of 2025 on the same people: the demo's own rules, per Département.
    const { orientations } = await seedOrientations(client, departmentCode);
    const { contractSignatures } = await synthesiseContractSignatures(client, departmentCode, asOf);
    const { sanctionProcedures } = await seedSanctions(client, { departmentCode, wanted: Math.ceil(population.accompaniments.length / 500) });
    await client.query('commit');
    const done = performance.now();
    return {
      departmentCode,
      people: population.beneficiaries.length,
      accompaniments: population.accompaniments.length,
      appointments: population.appointments.length,
      referrals: population.referrals.length,
      territoriesCreated,
      orientations,
      contractSignatures,
      sanctionProcedures,
      generateMs: Math.round(generated - start),
      copyMs: Math.round(done - generated),
      totalMs: Math.round(done - start),
    };
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}

/**
 * Statistics for the planner, and the visibility map a Département's tables have in use (autovacuum
 * runs after large inserts): without it, an index-only scan reads the table's pages too, and the
 * figures measured on a fresh load would be those of no database in service. `delay_chain` and
 * `appointment_tally` too: their triggers write rows for what is loaded (ADRs 0030, 0033).
 */
const analyze = (client: pg.ClientBase): Promise<unknown> =>
  client.query('vacuum (analyze) beneficiaries.beneficiary, beneficiaries.accompaniment, beneficiaries.appointment, beneficiaries.referral, beneficiaries.orientation, beneficiaries.contract_signature, beneficiaries.sanction_procedure, beneficiaries.delay_chain, beneficiaries.appointment_tally');

/**
 * A Département at real scale (default: Pas-de-Calais, 52 700 people) over two years of
 * accompaniments under its demo conventions (treated as renewed over the history), generated
 * deterministically and loaded with COPY in one transaction, then analysed for the planner. A
 * Département with no territories gets synthetic ones (synthetic-geography.ts), and one without
 * demo conventions a synthetic programme.
 */
export async function loadScalePopulation(client: pg.ClientBase, options: PopulationOptions & { departmentCode?: string } = {}): Promise<PopulationLoad> {
  const load = await loadOne(client, options.departmentCode ?? '62', options);
  const start = performance.now();
  await analyze(client);
  const analyzed = Math.round(performance.now() - start);
  return { ...load, copyMs: load.copyMs + analyzed, totalMs: load.totalMs + analyzed };
}

export interface PopulationsLoad {
  departments: PopulationLoad[];
  rows: number;
  analyzeMs: number;
  totalMs: number;
  /** Rows COPYed per second of the whole load (generation, COPY and analyze included). */
  rowsPerSecond: number;
}

/**
 * Several Départements, `size` people each, one transaction per Département (a failure leaves
 * whole Départements), then one analyze. `departments` is a list of codes, or a number n: the n
 * first Départements of `ref.department` in code order.
 */
export async function loadScalePopulations(
  client: pg.ClientBase,
  options: PopulationOptions & { departments: readonly string[] | number; onDepartment?: (load: PopulationLoad) => void },
): Promise<PopulationsLoad> {
  const start = performance.now();
  const codes =
    typeof options.departments === 'number'
      ? (await client.query<{ code: string }>('select code from ref.department order by code limit $1', [options.departments])).rows.map((r) => r.code)
      : options.departments;
  const departments: PopulationLoad[] = [];
  for (const code of codes) {
    const load = await loadOne(client, code, options);
    options.onDepartment?.(load);
    departments.push(load);
  }
  const analyzeStart = performance.now();
  await analyze(client);
  const done = performance.now();
  const rows = departments.reduce((s, d) => s + rowsOf(d), 0);
  return {
    departments,
    rows,
    analyzeMs: Math.round(done - analyzeStart),
    totalMs: Math.round(done - start),
    rowsPerSecond: Math.round(rows / ((done - start) / 1000)),
  };
}

/** `--departments` as the command line gives it: a number of Départements, or codes separated by commas. */
export function parseDepartments(value: string): readonly string[] | number {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed) && Number(trimmed) > 0 && Number(trimmed) <= 101 && trimmed.length <= 3 && !/^0/.test(trimmed)) {
    // « 62 » alone would be ambiguous: a bare number up to 101 is a count; write « 62, » or use --department for one code.
    return Number(trimmed);
  }
  const codes = trimmed.split(',').map((c) => c.trim()).filter(Boolean);
  for (const code of codes) if (!/^(\d{2}|2A|2B|\d{3})$/.test(code)) throw new Error(`--departments: « ${code} » is not a Département code`);
  if (codes.length === 0) throw new Error('--departments: give a number of Départements or a list of codes (57,59,76)');
  return codes;
}
