import type { EntityManager } from '@mikro-orm/postgresql';
import type { Caller } from '@passerelles/subgraph-kit';
import { REFERRAL_EXPIRES_AFTER_DAYS, type CaseloadAlert } from '../accompaniment/accompaniment.enums.js';
import { visibleAccompaniments, visiblePeople } from '../beneficiary/beneficiary.access.js';
import { BENEFICIARY_COLUMNS } from '../beneficiary/beneficiary.repository.js';
import { DELAY_ALERT_DAYS_BEFORE, DelayStep, definitionFor, targetDays, targetMonths } from '../indicators/delay-chain.definitions.js';
import type { BeneficiaryRecord } from '../beneficiary/beneficiary.entity.js';
import { openSql } from '../referral/referral.repository.js';

/** What narrows a caseload: one alert, a set of people (e.g. those a contract alert names), and/or words of their names. */
export interface CaseloadFilter {
  alert: CaseloadAlert | null;
  among: readonly string[] | null;
  /** The blind index of the words searched (identity.cipher.ts `nameQueryIndex`): the person's names hold every one. */
  nameIndex?: readonly string[] | null;
}

export interface AlertRow {
  beneficiaryId: string;
  kind: CaseloadAlert;
  dueOn: string;
}

type Sql = { sql: string; params: unknown[] };

/**
 * The alerts raised on `today` by the open accompaniments the caller may read (`scope`, on alias
 * `a`), as a CTE `alert(beneficiary_id, kind, due_on)`. The one definition of each alert:
 * - WAITING_FIRST_INTERVIEW: prescribed more than 30 days ago, no first interview held; due on
 *   the prescription + 30 days;
 * - MISSED_LAST_APPOINTMENT: the last appointment held or due (on or before today) was missed; on its day;
 * - REVIEW_DUE: started more than 5 months ago and no final review; due on the start + 5 months
 *   (the CER renewal is requested at 5 months);
 * - APPOINTMENT_TO_CLOSE: an appointment whose day has passed is still planned; on the earliest one's day;
 * - REFERRAL_UNANSWERED: a referral of the accompaniment expired unanswered, or was refused, in the
 *   last 60 days, and no other referral is open; on the day it expired or was refused;
 * - ORIENTATION_DUE: the person's right was opened (`rights_opened_on`, else `rsa_entry_date`) on or after the delay definitions' `rightsOpenedFrom`
 *   (the law in force), no orientation is recorded, and the legal deadline (right opened + 42 days
 *   under definition 2025-01) is 7 days away or past; due on the deadline;
 * - CONTRACT_DUE: the person's current orientation (the latest decided: a new orientation restarts
 *   the clock) was notified on or after `rightsOpenedFrom`, no contract was signed on or after that
 *   notification (as contracts told it), and the legal deadline (notification + 1 month under
 *   definition 2025-01) is 7 days away or past; due on the deadline.
 */
function alertCte(scope: Sql, today: string, extra: Sql = { sql: '', params: [] }): Sql {
  const delays = definitionFor(today);
  const orientationDays = targetDays(delays, DelayStep.ORIENTATION_DECIDED) ?? 0;
  const contractMonths = targetMonths(delays, DelayStep.CONTRACT_SIGNED) ?? 1;
  return {
    sql: `with p as (select ?::date as today, ?::date as rights_from),
      alert as (
        select a.beneficiary_id, k.kind, k.due_on
          from p cross join beneficiaries.accompaniment a
          left join lateral (
            select ap.status, ap.scheduled_on from beneficiaries.appointment ap
             where ap.department_code = a.department_code and ap.accompaniment_id = a.id and ap.scheduled_on <= p.today
             order by ap.scheduled_on desc, ap.created_at desc limit 1) last on true
          cross join lateral (values
            ('WAITING_FIRST_INTERVIEW', case when a.started_on is null and a.prescribed_on < p.today - 30 then a.prescribed_on + 30 end),
            ('MISSED_LAST_APPOINTMENT', case when last.status = 'MISSED' then last.scheduled_on end),
            ('REVIEW_DUE', case when a.started_on is not null and a.final_review_on is null and a.started_on < p.today - interval '5 months'
                                then (a.started_on + interval '5 months')::date end),
            ('APPOINTMENT_TO_CLOSE', (select min(ap.scheduled_on) from beneficiaries.appointment ap
                                       where ap.department_code = a.department_code and ap.accompaniment_id = a.id and ap.status = 'PLANNED' and ap.scheduled_on < p.today)),
            ('REFERRAL_UNANSWERED', case when not exists (select 1 from beneficiaries.referral o where o.department_code = a.department_code and o.accompaniment_id = a.id
                                                           and ${openSql('o', 'p.today')})
                                         then (select max(case when r.status = 'REFUSED' then r.answered_on else r.sent_on + ${REFERRAL_EXPIRES_AFTER_DAYS} end)
                                                 from beneficiaries.referral r
                                                where r.department_code = a.department_code and r.accompaniment_id = a.id
                                                  and (r.status = 'REFUSED' or (r.status = 'SENT' and r.sent_on + ${REFERRAL_EXPIRES_AFTER_DAYS} < p.today))
                                                  and (case when r.status = 'REFUSED' then r.answered_on else r.sent_on + ${REFERRAL_EXPIRES_AFTER_DAYS} end) >= p.today - 60) end),
            ('ORIENTATION_DUE', (select coalesce(bo.rights_opened_on, bo.rsa_entry_date) + ${orientationDays} from beneficiaries.beneficiary bo
                                  where bo.id = a.beneficiary_id and coalesce(bo.rights_opened_on, bo.rsa_entry_date) >= p.rights_from
                                    and coalesce(bo.rights_opened_on, bo.rsa_entry_date) + ${orientationDays - DELAY_ALERT_DAYS_BEFORE} <= p.today
                                    and not exists (select 1 from beneficiaries.orientation o where o.department_code = bo.department_code and o.beneficiary_id = bo.id))),
            ('CONTRACT_DUE', (select (co.notified_on + interval '${contractMonths} months')::date
                                from (select o.notified_on from beneficiaries.orientation o
                                       where o.department_code = a.department_code and o.beneficiary_id = a.beneficiary_id
                                       order by o.decided_on desc, o.created_at desc, o.id desc limit 1) co
                               where co.notified_on >= p.rights_from
                                 and (co.notified_on + interval '${contractMonths} months')::date - ${DELAY_ALERT_DAYS_BEFORE} <= p.today
                                 and not exists (select 1 from beneficiaries.contract_signature cs
                                                  where cs.department_code = a.department_code and cs.beneficiary_id = a.beneficiary_id and cs.signed_on >= co.notified_on)))
          ) as k(kind, due_on)
         where ${scope.sql} and a.ended_on is null and k.due_on is not null ${extra.sql})`,
    params: [today, delays.rightsOpenedFrom, ...scope.params, ...extra.params],
  };
}

/**
 * Which people make up a caller's caseload, as a condition on `b`: people they may read
 * (`visiblePeople`) with an open accompaniment they may read (`visibleAccompaniments`) — for a
 * référent the accompaniments they follow, for an administrator every one of the Département.
 */
function inCaseload(people: Sql, accompaniments: Sql, filter: CaseloadFilter): Sql {
  const parts = [people.sql, `exists (select 1 from beneficiaries.accompaniment a where a.beneficiary_id = b.id and ${accompaniments.sql} and a.ended_on is null)`];
  const params = [...people.params, ...accompaniments.params];
  if (filter.alert) {
    parts.push('exists (select 1 from alert r where r.beneficiary_id = b.id and r.kind = ?)');
    params.push(filter.alert);
  }
  if (filter.among) {
    parts.push('b.id in (?)');
    params.push([...filter.among]);
  }
  if (filter.nameIndex) {
    // Searched on the blind index (GIN): no identity is decrypted to find someone.
    parts.push('exists (select 1 from beneficiaries.beneficiary_identity i where i.department_code = b.department_code and i.beneficiary_id = b.id and i.name_index @> ?::text[])');
    params.push(`{${filter.nameIndex.join(',')}}`);
  }
  return { sql: parts.join(' and '), params };
}

export class CaseloadRepository {
  constructor(private readonly em: EntityManager) {}

  /** One page of the caller's caseload, by id, after a cursor (`first + 1` rows: the extra one says whether more follow). */
  async page(caller: Caller, filter: CaseloadFilter, options: { first: number; after: string | null; today: string }): Promise<BeneficiaryRecord[]> {
    const query = this.caseloadQuery(caller, filter, options.today);
    if (!query) return [];
    const cursor = options.after ? { sql: 'and b.id > ?', params: [options.after] } : { sql: '', params: [] };
    return this.em.execute(
      `${query.with} select ${BENEFICIARY_COLUMNS} from beneficiaries.beneficiary b where ${query.where.sql} ${cursor.sql} order by b.id limit ?`,
      [...query.params, ...query.where.params, ...cursor.params, options.first + 1],
    );
  }

  /** How many people the whole filtered caseload holds (every page). */
  async count(caller: Caller, filter: CaseloadFilter, today: string): Promise<number> {
    const query = this.caseloadQuery(caller, filter, today);
    if (!query) return 0;
    const rows: { n: number }[] = await this.em.execute(`${query.with} select count(*)::int as n from beneficiaries.beneficiary b where ${query.where.sql}`, [
      ...query.params,
      ...query.where.params,
    ]);
    return rows[0]?.n ?? 0;
  }

  /** For each alert, the people of the caller's whole caseload raising it (aggregated in SQL). */
  async alertCounts(caller: Caller, today: string): Promise<{ kind: CaseloadAlert; people: number }[]> {
    const people = visiblePeople(caller);
    const accompaniments = visibleAccompaniments(caller);
    if (!people || !accompaniments) return [];
    const cte = alertCte(accompaniments, today);
    return this.em.execute(
      `${cte.sql} select r.kind, count(distinct r.beneficiary_id)::int as people from alert r join beneficiaries.beneficiary b on b.id = r.beneficiary_id
        where ${people.sql} group by r.kind`,
      [...cte.params, ...people.params],
    );
  }

  /** The alerts of the given people (already read by the caller), the earliest due first, one per kind. */
  async alertsOf(caller: Caller, beneficiaryIds: readonly string[], today: string): Promise<AlertRow[]> {
    const accompaniments = visibleAccompaniments(caller);
    if (!accompaniments || beneficiaryIds.length === 0) return [];
    const cte = alertCte(accompaniments, today, { sql: 'and a.beneficiary_id in (?)', params: [[...beneficiaryIds]] });
    return this.em.execute(
      `${cte.sql} select * from (select distinct on (beneficiary_id, kind) beneficiary_id as "beneficiaryId", kind, due_on::text as "dueOn"
          from alert order by beneficiary_id, kind, due_on) x order by "dueOn", kind`,
      cte.params,
    );
  }

  /**
   * People with an accompaniment the caller prescribed (open or ended), the most recent prescription
   * first, after a cursor `(lastPrescribedOn, id)`.
   */
  prescribed(caller: Caller, options: { first: number; after: { lastPrescribedOn: string; id: string } | null }): Promise<(BeneficiaryRecord & { lastPrescribedOn: string })[]> {
    const people = visiblePeople(caller);
    const accompaniments = visibleAccompaniments(caller);
    if (!people || !accompaniments) return Promise.resolve([]);
    const cursor = options.after ? { sql: 'and (l.last, b.id) < (?::date, ?::uuid)', params: [options.after.lastPrescribedOn, options.after.id] } : { sql: '', params: [] };
    return this.em.execute(
      `select ${BENEFICIARY_COLUMNS}, l.last::text as "lastPrescribedOn" from beneficiaries.beneficiary b
        cross join lateral (select max(a.prescribed_on) as last from beneficiaries.accompaniment a where a.beneficiary_id = b.id and ${accompaniments.sql}) l
        where ${people.sql} and l.last is not null ${cursor.sql}
        order by l.last desc, b.id desc limit ?`,
      [...accompaniments.params, ...people.params, ...cursor.params, options.first + 1],
    );
  }

  /** The caseload's CTE (only when an alert filters it) and condition, or null when it is empty whatever the rows. */
  private caseloadQuery(caller: Caller, filter: CaseloadFilter, today: string): { with: string; params: unknown[]; where: Sql } | null {
    const people = visiblePeople(caller);
    const accompaniments = visibleAccompaniments(caller);
    // No one to read, or among no one (`in ()` is not SQL).
    if (!people || !accompaniments || filter.among?.length === 0) return null;
    const cte = filter.alert ? alertCte(accompaniments, today) : { sql: '', params: [] };
    return { with: cte.sql, params: cte.params, where: inCaseload(people, accompaniments, filter) };
  }
}
