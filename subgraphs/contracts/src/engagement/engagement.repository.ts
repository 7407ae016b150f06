import type { EntityManager } from '@mikro-orm/postgresql';
import {
  ContractActionEntity,
  ContractCommitmentEntity,
  ContractReviewEntity,
  ContractStatusChangeEntity,
  EngagementContractEntity,
  type ContractAction,
  type ContractCommitment,
  type ContractReview,
  type ContractStatusChange,
  type EngagementContract,
} from './engagement.entity.js';
import { ENGAGED, ENGAGEMENT_KINDS, MIN_WEEKLY_HOURS, RENEWAL_FROM_MONTHS, type ContractKind } from './engagement.rules.js';

/** Which contracts a caller may see, as decided by the service. */
export interface ContractAccess {
  departmentCode: string;
  referentId?: string;
  operatorId?: string;
  territoryIds?: readonly string[];
}

function where(access: ContractAccess): Record<string, unknown> {
  return {
    departmentCode: access.departmentCode,
    ...(access.referentId !== undefined ? { referentId: access.referentId } : {}),
    ...(access.operatorId !== undefined ? { operatorId: access.operatorId } : {}),
    ...(access.territoryIds && access.territoryIds.length > 0 ? { territoryId: { $in: [...access.territoryIds] } } : {}),
  };
}

/** The same filter as SQL on alias `c`, with its parameters. */
function sqlWhere(access: ContractAccess): { sql: string; params: unknown[] } {
  const parts = ['c.department_code = ?'];
  const params: unknown[] = [access.departmentCode];
  if (access.referentId !== undefined) {
    parts.push('c.referent_id = ?');
    params.push(access.referentId);
  }
  if (access.operatorId !== undefined) {
    parts.push('c.operator_id = ?');
    params.push(access.operatorId);
  }
  if (access.territoryIds && access.territoryIds.length > 0) {
    parts.push('c.territory_id in (?)');
    params.push([...access.territoryIds]);
  }
  return { sql: parts.join(' and '), params };
}

export interface ContractAlertRow {
  kind: 'ENDING_SOON' | 'RENEWAL_NOT_REQUESTED';
  contractId: string;
  beneficiaryId: string;
  endsOn: string;
  renewalOpensOn: string;
}

export interface ContractIndicatorRow {
  signed: number;
  active: number;
  renewed: number;
  objectives: number;
  objectivesDone: number;
}

/** Contrats d'engagement signed in a period: how many, how many below 15 h, their median planned hours. */
export interface EngagementIndicatorRow {
  signed: number;
  reduced: number;
  medianWeeklyHours: number | null;
}

export class EngagementRepository {
  constructor(private readonly em: EntityManager) {}

  byIds(access: ContractAccess, ids: readonly string[]): Promise<EngagementContract[]> {
    return this.em.find(EngagementContractEntity, { ...where(access), id: { $in: [...ids] } });
  }

  /** Every contract of these people, newest first (the history is kept: nothing is deleted). */
  byBeneficiaries(access: ContractAccess, beneficiaryIds: readonly string[]): Promise<EngagementContract[]> {
    return this.em.find(EngagementContractEntity, { ...where(access), beneficiaryId: { $in: [...beneficiaryIds] } }, { orderBy: [{ startsOn: 'desc' }, { id: 'asc' }] });
  }

  commitments(departmentCode: string, contractIds: readonly string[]): Promise<ContractCommitment[]> {
    return this.em.find(ContractCommitmentEntity, { departmentCode, contractId: { $in: [...contractIds] } }, { orderBy: [{ contractId: 'asc' }, { position: 'asc' }] });
  }

  actions(departmentCode: string, contractIds: readonly string[]): Promise<ContractAction[]> {
    return this.em.find(ContractActionEntity, { departmentCode, contractId: { $in: [...contractIds] } }, { orderBy: [{ contractId: 'asc' }, { position: 'asc' }] });
  }

  reviews(departmentCode: string, contractIds: readonly string[]): Promise<ContractReview[]> {
    return this.em.find(ContractReviewEntity, { departmentCode, contractId: { $in: [...contractIds] } }, { orderBy: [{ contractId: 'asc' }, { plannedOn: 'asc' }] });
  }

  statusHistory(departmentCode: string, contractIds: readonly string[]): Promise<ContractStatusChange[]> {
    return this.em.find(ContractStatusChangeEntity, { departmentCode, contractId: { $in: [...contractIds] } }, { orderBy: [{ contractId: 'asc' }, { id: 'asc' }] });
  }

  /** Whether beneficiaries told us this accompaniment ended (ADR 0021). */
  async isClosed(departmentCode: string, accompanimentId: string): Promise<boolean> {
    const rows: unknown[] = await this.em.execute(`select 1 from contracts.closed_accompaniment where department_code = ? and accompaniment_id = ?`, [departmentCode, accompanimentId]);
    return rows.length > 0;
  }

  /** Records an ended accompaniment; false when it was already recorded (the event came again). */
  async recordClosed(departmentCode: string, closed: { accompanimentId: string; beneficiaryId: string; endedOn: string }, eventId: string): Promise<boolean> {
    const rows: unknown[] = await this.em.execute(
      `insert into contracts.closed_accompaniment (accompaniment_id, department_code, beneficiary_id, ended_on, event_id) values (?, ?, ?, ?, ?)
       on conflict (accompaniment_id) do nothing returning accompaniment_id`,
      [closed.accompanimentId, departmentCode, closed.beneficiaryId, closed.endedOn, eventId],
    );
    return rows.length > 0;
  }

  /** The accompaniment's contracts not yet ended, renewed or cancelled. */
  openOfAccompaniment(departmentCode: string, beneficiaryId: string, accompanimentId: string): Promise<EngagementContract[]> {
    return this.em.find(EngagementContractEntity, { departmentCode, beneficiaryId, accompanimentId, status: { $in: ['DRAFT', 'SIGNED', 'RENEWAL_REQUESTED'] } }, { orderBy: { startsOn: 'asc' } });
  }

  /** Serialises writes about one person's contracts until the end of the transaction. */
  async lockBeneficiary(departmentCode: string, beneficiaryId: string): Promise<void> {
    await this.em.execute(`select pg_advisory_xact_lock(hashtext(?))`, [`contracts:${departmentCode}:${beneficiaryId}`]);
  }

  /** Engaged CER and contrats d'engagement of the person whose period overlaps the given one. */
  overlappingEngagements(departmentCode: string, beneficiaryId: string, startsOn: string, endsOn: string, exceptId: string): Promise<{ id: string; kind: ContractKind }[]> {
    return this.em.execute(
      `select id, kind from contracts.engagement_contract
        where department_code = ? and beneficiary_id = ? and kind in (?) and id <> ? and status in (?)
          and starts_on <= ?::date and ends_on >= ?::date`,
      [departmentCode, beneficiaryId, [...ENGAGEMENT_KINDS], exceptId, [...ENGAGED], endsOn, startsOn],
    );
  }

  /**
   * CER and contrats d'engagement in force on `asOf` that need attention: ending within
   * `withinDays` days with no renewal requested (a new contract to prepare), and CER past month 5
   * with no renewal request (a contrat d'engagement is not renewed).
   */
  alerts(access: ContractAccess, asOf: string, withinDays: number): Promise<ContractAlertRow[]> {
    const w = sqlWhere(access);
    return this.em.execute(
      `with cer as (
         select c.id, c.kind, c.beneficiary_id, c.ends_on, (c.starts_on + make_interval(months => ${RENEWAL_FROM_MONTHS}))::date as renewal_opens_on
           from contracts.engagement_contract c
          where ${w.sql} and c.kind in ('CER', 'CONTRAT_ENGAGEMENT') and c.status = 'SIGNED' and c.starts_on <= ?::date and c.ends_on >= ?::date)
       select 'ENDING_SOON' as kind, id as "contractId", beneficiary_id as "beneficiaryId", ends_on::text as "endsOn", renewal_opens_on::text as "renewalOpensOn"
         from cer where ends_on <= ?::date + ?::int
       union all
       select 'RENEWAL_NOT_REQUESTED', id, beneficiary_id, ends_on::text, renewal_opens_on::text
         from cer where kind = 'CER' and renewal_opens_on <= ?::date
       order by "endsOn", kind, "contractId"`,
      [...w.params, asOf, asOf, asOf, withinDays, asOf],
    );
  }

  /** CER signed in a period per territory (null: contracts with no territory). */
  signedByTerritory(access: ContractAccess, from: string, to: string): Promise<{ territoryId: string | null; count: number }[]> {
    const w = sqlWhere(access);
    return this.em.execute(
      `select c.territory_id as "territoryId", count(*)::int as count from contracts.engagement_contract c
        where ${w.sql} and c.kind = 'CER' and c.status in (?) and c.signed_on between ?::date and ?::date group by c.territory_id`,
      [...w.params, [...ENGAGED], from, to],
    );
  }

  /** CER signed, in force at the end, and renewed in a period; objectives of the CER in force during it, and those done. */
  async indicators(access: ContractAccess, from: string, to: string): Promise<ContractIndicatorRow> {
    const w = sqlWhere(access);
    const rows: Record<keyof ContractIndicatorRow, string>[] = await this.em.execute(
      `with cer as (select c.* from contracts.engagement_contract c where ${w.sql} and c.kind = 'CER' and c.status in (?))
       select (select count(*) from cer where signed_on between ?::date and ?::date) as signed,
              (select count(*) from cer where starts_on <= ?::date and ends_on >= ?::date) as active,
              (select count(*) from cer where renewed_from_id is not null and signed_on between ?::date and ?::date) as renewed,
              count(o.id) as objectives,
              count(o.id) filter (where o.status = 'DONE') as "objectivesDone"
         from cer join contracts.contract_commitment o on o.department_code = cer.department_code and o.contract_id = cer.id and o.kind = 'OBJECTIVE'
        where cer.starts_on <= ?::date and cer.ends_on >= ?::date`,
      [...w.params, [...ENGAGED], from, to, to, to, from, to, to, from],
    );
    const r = rows[0]!;
    return { signed: Number(r.signed), active: Number(r.active), renewed: Number(r.renewed), objectives: Number(r.objectives), objectivesDone: Number(r.objectivesDone) };
  }

  /** Contrats d'engagement signed in a period (engaged, not cancelled): count, below 15 h a week, median planned hours. */
  async engagementIndicators(access: ContractAccess, from: string, to: string): Promise<EngagementIndicatorRow> {
    const w = sqlWhere(access);
    const rows: { signed: string; reduced: string; median: string | null }[] = await this.em.execute(
      `select count(*) as signed,
              count(*) filter (where c.planned_weekly_hours < ?) as reduced,
              percentile_cont(0.5) within group (order by c.planned_weekly_hours) as median
         from contracts.engagement_contract c
        where ${w.sql} and c.kind = 'CONTRAT_ENGAGEMENT' and c.status in (?) and c.signed_on between ?::date and ?::date`,
      [MIN_WEEKLY_HOURS, ...w.params, [...ENGAGED], from, to],
    );
    const r = rows[0]!;
    return { signed: Number(r.signed), reduced: Number(r.reduced), medianWeeklyHours: r.median === null ? null : Number(r.median) };
  }
}
