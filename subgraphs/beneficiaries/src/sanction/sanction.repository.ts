import type { EntityManager } from '@mikro-orm/postgresql';
import type { IndicatorFilter, Period } from '../indicators/indicators.repository.js';
import type { SanctionProcedureRecord } from './sanction.record.js';

/** One territory's figures (`territoryId` undefined in the row of all territories). */
export interface SanctionIndicatorRow {
  territoryId: string | null;
  all: boolean;
  opened: number;
  decided: number;
  suspended: number;
  lifted: number;
  medianMonths: number | null;
  medianDaysToLift: number | null;
}

const COLUMNS = `s.id, s.department_code as "departmentCode", s.beneficiary_id as "beneficiaryId", s.status, s.breach_kind as "breachKind",
  s.breach_on::text as "breachOn", s.breach_source as "breachSource", s.breach_note as "breachNote", s.recorded_by as "recordedBy",
  s.recorded_on::text as "recordedOn", s.hearing_on::text as "hearingOn", s.hearing_outcome as "hearingOutcome", s.decision, s.rate,
  s.duration_months as "durationMonths", s.household_type as "householdType", s.repeat_of as "repeatOf", s.decided_on::text as "decidedOn",
  s.effective_on::text as "effectiveOn", s.decided_by as "decidedBy", s.lifted_on::text as "liftedOn", s.lift_reason as "liftReason",
  s.withheld_repaid as "withheldRepaid", s.ended_on::text as "endedOn", s.end_reason as "endReason"`;

export interface NewBreach {
  id: string;
  departmentCode: string;
  beneficiaryId: string;
  breachKind: string;
  breachOn: string;
  breachSource: string;
  breachNote: string | null;
  recordedBy: string;
  recordedOn: string;
}

export class SanctionRepository {
  constructor(private readonly em: EntityManager) {}

  /** The procedures of these people, newest breach first per person. */
  byBeneficiaries(departmentCode: string, beneficiaryIds: readonly string[]): Promise<SanctionProcedureRecord[]> {
    return this.em.execute(
      `select ${COLUMNS} from beneficiaries.sanction_procedure s where s.department_code = ? and s.beneficiary_id in (?) order by s.beneficiary_id, s.breach_on desc, s.created_at desc`,
      [departmentCode, [...beneficiaryIds]],
    );
  }

  async byId(departmentCode: string, id: string): Promise<SanctionProcedureRecord | undefined> {
    const rows = await this.em.execute<SanctionProcedureRecord[]>(`select ${COLUMNS} from beneficiaries.sanction_procedure s where s.department_code = ? and s.id = ?`, [departmentCode, id]);
    return rows[0];
  }

  async hasPending(departmentCode: string, beneficiaryId: string): Promise<boolean> {
    const rows = await this.em.execute<{ pending: boolean }[]>(
      `select exists (select 1 from beneficiaries.sanction_procedure where department_code = ? and beneficiary_id = ? and status in ('BREACH_RECORDED', 'HEARD')) as pending`,
      [departmentCode, beneficiaryId],
    );
    return rows[0]?.pending ?? false;
  }

  /**
   * The latest suspension decided for the person, other than `exceptId`, on or after `since` and on
   * or before `until`: what makes a new one a repeat (« récidive », ADR 0026).
   */
  async previousSuspension(departmentCode: string, beneficiaryId: string, exceptId: string, since: string, until: string): Promise<{ id: string; decidedOn: string } | undefined> {
    const rows = await this.em.execute<{ id: string; decidedOn: string }[]>(
      `select id, decided_on::text as "decidedOn" from beneficiaries.sanction_procedure
        where department_code = ? and beneficiary_id = ? and id <> ? and decision = 'SUSPENDED' and decided_on between ? and ?
        order by decided_on desc, created_at desc limit 1`,
      [departmentCode, beneficiaryId, exceptId, since, until],
    );
    return rows[0];
  }

  async insertBreach(b: NewBreach): Promise<void> {
    await this.em.execute(
      `insert into beneficiaries.sanction_procedure (id, department_code, beneficiary_id, status, breach_kind, breach_on, breach_source, breach_note, recorded_by, recorded_on)
       values (?, ?, ?, 'BREACH_RECORDED', ?, ?, ?, ?, ?, ?)`,
      [b.id, b.departmentCode, b.beneficiaryId, b.breachKind, b.breachOn, b.breachSource, b.breachNote, b.recordedBy, b.recordedOn],
    );
  }

  /**
   * Moves a procedure from one status to the next, setting `changes` (column → value), only while
   * it still stands in `from`: the number of rows changed (0 when another step came first).
   */
  async transition(departmentCode: string, id: string, from: readonly string[], to: string, changes: Record<string, unknown>): Promise<number> {
    const columns = Object.keys(changes);
    const rows = await this.em.execute<{ id: string }[]>(
      `update beneficiaries.sanction_procedure set status = ?${columns.map((c) => `, ${c} = ?`).join('')}
        where department_code = ? and id = ? and status in (?) returning id`,
      [to, ...columns.map((c) => changes[c]), departmentCode, id, [...from]],
    );
    return rows.length;
  }

  /**
   * The steering figures of the procedures in one statement, per territory of the person and over
   * all (grouping sets): opened = breach dated in the period; decided / suspended = decision dated in
   * it; lifted = lifted in it; medians of the months decided and of the days from effect to lifting.
   * Programme and operator: the person has an accompaniment of that programme / operator.
   */
  indicatorRows(filter: IndicatorFilter, period: Period): Promise<SanctionIndicatorRow[]> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (filter.territoryIds) {
      conditions.push('b.territory_id in (?)');
      params.push(filter.territoryIds.length ? [...filter.territoryIds] : ['']);
    }
    const accompaniment: string[] = [];
    if (filter.programmeId) {
      accompaniment.push('a.programme_id = ?');
      params.push(filter.programmeId);
    }
    if (filter.operatorId) {
      accompaniment.push('a.operator_id = ?');
      params.push(filter.operatorId);
    }
    if (accompaniment.length) {
      conditions.push(`exists (select 1 from beneficiaries.accompaniment a where a.department_code = s.department_code and a.beneficiary_id = s.beneficiary_id and ${accompaniment.join(' and ')})`);
    }
    return this.em.execute<SanctionIndicatorRow[]>(
      `with p as (select ?::date as f, ?::date as t)
       select b.territory_id as "territoryId", grouping(b.territory_id) = 1 as "all",
              count(*) filter (where s.breach_on between p.f and p.t)::int as opened,
              count(*) filter (where s.decided_on between p.f and p.t)::int as decided,
              count(*) filter (where s.decision = 'SUSPENDED' and s.decided_on between p.f and p.t)::int as suspended,
              count(*) filter (where s.lifted_on between p.f and p.t)::int as lifted,
              (percentile_cont(0.5) within group (order by s.duration_months) filter (where s.decision = 'SUSPENDED' and s.decided_on between p.f and p.t))::float8 as "medianMonths",
              (percentile_cont(0.5) within group (order by greatest(s.lifted_on - s.effective_on, 0)) filter (where s.lifted_on between p.f and p.t))::float8 as "medianDaysToLift"
         from p, beneficiaries.sanction_procedure s join beneficiaries.beneficiary b on b.id = s.beneficiary_id
        where s.department_code = ? ${conditions.map((c) => `and ${c}`).join(' ')}
        group by grouping sets ((b.territory_id), ())`,
      [period.from, period.to, filter.departmentCode, ...params],
    );
  }
}
