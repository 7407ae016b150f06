import type { EntityManager } from '@mikro-orm/postgresql';
import type { Caller } from '@passerelles/subgraph-kit';
import { REFERRAL_EXPIRES_AFTER_DAYS, type CaseloadAlert } from '../accompaniment/accompaniment.enums.js';
import { peopleFollowAccompaniments, visibleAccompaniments, visiblePeople } from '../beneficiary/beneficiary.access.js';
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
 * `a`), as a CTE `alert(beneficiary_id, kind, due_on)`: one row per open accompaniment and alert it
 * raises. The one definition of each alert:
 * - WAITING_FIRST_INTERVIEW: prescribed more than 30 days ago, no first interview held; due on
 *   the prescription + 30 days;
 * - MISSED_LAST_APPOINTMENT: the last appointment held or due (on or before today) was missed; on its day;
 * - REVIEW_DUE: started more than 5 months ago and no final review; due on the start + 5 months
 *   (the CER renewal is requested at 5 months);
 * - APPOINTMENT_TO_CLOSE: an appointment whose day has passed is still planned; on the earliest one's day;
 * - REFERRAL_UNANSWERED: a referral of the accompaniment expired unanswered, or was refused, in the
 *   last 60 days, and no other referral is open; on the day it expired or was refused (the latest);
 * - ORIENTATION_DUE: the person's right was opened (`rights_opened_on`, else `rsa_entry_date`) on or after the delay definitions' `rightsOpenedFrom`
 *   (the law in force), no orientation is recorded, and the legal deadline (right opened + 42 days
 *   under definition 2025-01) is 7 days away or past; due on the deadline;
 * - CONTRACT_DUE: the person's current orientation (the latest decided: a new orientation restarts
 *   the clock) was notified on or after `rightsOpenedFrom`, no contract was signed on or after that
 *   notification (as contracts told it), and the legal deadline (notification + 1 month under
 *   definition 2025-01) is 7 days away or past; due on the deadline.
 *
 * Each alert is one part of a union over the open accompaniments (`open`, read once), so that
 * the planner reads each source the cheapest way for the caseload's size: for a référent's or a
 * page's few accompaniments, a lookup per accompaniment; for a whole Département (20 000 open
 * accompaniments at 160 000 people), the few rows that can raise the alert, read by date from
 * their own index — the planned appointments of past days, the referrals refused or expired in the
 * last 60 days, the people whose right opened under the law in force, the orientations notified
 * under it (Migration20261214090000). The Département's code is repeated in those reads for that
 * (a person and their accompaniments share it). `people`, when given, keeps the accompaniments of
 * the people it allows (alias `b`); `among` narrows the accompaniments further (alias `a`).
 */
function alertCte(departmentCode: string, scope: Sql, today: string, narrow: { among?: Sql; people?: Sql } = {}): Sql {
  const delays = definitionFor(today);
  const orientationDays = targetDays(delays, DelayStep.ORIENTATION_DECIDED) ?? 0;
  const contractMonths = targetMonths(delays, DelayStep.CONTRACT_SIGNED) ?? 1;
  const among = narrow.among ?? { sql: '', params: [] };
  const people = narrow.people ? { sql: `and exists (select 1 from beneficiaries.beneficiary b where b.id = a.beneficiary_id and ${narrow.people.sql})`, params: narrow.people.params } : { sql: '', params: [] };
  return {
    sql: `with p as (select ?::date as today, ?::date as rights_from),
      open as materialized (
        select a.id, a.department_code, a.beneficiary_id, a.started_on, a.prescribed_on, a.final_review_on
          from beneficiaries.accompaniment a
         where ${scope.sql} and a.ended_on is null ${among.sql} ${people.sql}),
      alert as (
        select o.beneficiary_id, 'WAITING_FIRST_INTERVIEW' as kind, o.prescribed_on + 30 as due_on
          from open o, p where o.started_on is null and o.prescribed_on < p.today - 30
        union all
        select o.beneficiary_id, 'REVIEW_DUE', (o.started_on + interval '5 months')::date
          from open o, p where o.started_on is not null and o.final_review_on is null and o.started_on < p.today - interval '5 months'
        union all
        select o.beneficiary_id, 'MISSED_LAST_APPOINTMENT', last.scheduled_on
          from open o cross join p cross join lateral (
            select ap.status, ap.scheduled_on from beneficiaries.appointment ap
             where ap.department_code = o.department_code and ap.accompaniment_id = o.id and ap.scheduled_on <= p.today
             order by ap.scheduled_on desc, ap.created_at desc limit 1) last
         where last.status = 'MISSED'
        union all
        select o.beneficiary_id, 'APPOINTMENT_TO_CLOSE', min(ap.scheduled_on)
          from open o join beneficiaries.appointment ap on ap.department_code = o.department_code and ap.accompaniment_id = o.id, p
         where ap.department_code = ? and ap.status = 'PLANNED' and ap.scheduled_on < p.today
         group by o.id, o.beneficiary_id
        union all
        select o.beneficiary_id, 'REFERRAL_UNANSWERED', max(c.on_day)
          from open o join (
            select r.accompaniment_id, r.answered_on as on_day from beneficiaries.referral r, p
             where r.department_code = ? and r.status = 'REFUSED' and r.answered_on >= p.today - 60
            union all
            select r.accompaniment_id, r.sent_on + ${REFERRAL_EXPIRES_AFTER_DAYS} from beneficiaries.referral r, p
             where r.department_code = ? and r.status = 'SENT' and r.sent_on < p.today - ${REFERRAL_EXPIRES_AFTER_DAYS}
               and r.sent_on >= p.today - ${REFERRAL_EXPIRES_AFTER_DAYS + 60}) c on c.accompaniment_id = o.id, p
         where not exists (select 1 from beneficiaries.referral r
                            where r.department_code = ? and r.department_code = o.department_code and r.accompaniment_id = o.id and ${openSql('r', 'p.today')})
         group by o.id, o.beneficiary_id
        union all
        select o.beneficiary_id, 'ORIENTATION_DUE', coalesce(b.rights_opened_on, b.rsa_entry_date) + ${orientationDays}
          from open o join beneficiaries.beneficiary b on b.id = o.beneficiary_id, p
         where b.department_code = ? and coalesce(b.rights_opened_on, b.rsa_entry_date) >= p.rights_from
           and coalesce(b.rights_opened_on, b.rsa_entry_date) + ${orientationDays - DELAY_ALERT_DAYS_BEFORE} <= p.today
           and not exists (select 1 from beneficiaries.orientation x where x.department_code = b.department_code and x.beneficiary_id = b.id)
        union all
        select o.beneficiary_id, 'CONTRACT_DUE', (co.notified_on + interval '${contractMonths} months')::date
          from open o cross join p cross join lateral (
            select x.notified_on from beneficiaries.orientation x
             where x.department_code = o.department_code and x.beneficiary_id = o.beneficiary_id
             order by x.decided_on desc, x.created_at desc, x.id desc limit 1) co
         where o.beneficiary_id in (select n.beneficiary_id from beneficiaries.orientation n, p where n.department_code = ? and n.notified_on >= p.rights_from)
           and co.notified_on >= p.rights_from
           and (co.notified_on + interval '${contractMonths} months')::date - ${DELAY_ALERT_DAYS_BEFORE} <= p.today
           and not exists (select 1 from beneficiaries.contract_signature cs
                            where cs.department_code = o.department_code and cs.beneficiary_id = o.beneficiary_id and cs.signed_on >= co.notified_on))`,
    params: [today, delays.rightsOpenedFrom, ...scope.params, ...among.params, ...people.params, ...Array<string>(6).fill(departmentCode)],
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
    // The people of the open accompaniments, checked only when reading the accompaniment does not already allow them.
    const cte = alertCte(caller.departmentCode, accompaniments, today, peopleFollowAccompaniments(caller) ? {} : { people });
    return this.em.execute(`${cte.sql} select r.kind, count(distinct r.beneficiary_id)::int as people from alert r group by r.kind`, cte.params);
  }

  /** The alerts of the given people (already read by the caller), the earliest due first, one per kind. */
  async alertsOf(caller: Caller, beneficiaryIds: readonly string[], today: string): Promise<AlertRow[]> {
    const accompaniments = visibleAccompaniments(caller);
    if (!accompaniments || beneficiaryIds.length === 0) return [];
    const cte = alertCte(caller.departmentCode, accompaniments, today, { among: { sql: 'and a.beneficiary_id in (?)', params: [[...beneficiaryIds]] } });
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
    const cte = filter.alert ? alertCte(caller.departmentCode, accompaniments, today) : { sql: '', params: [] };
    return { with: cte.sql, params: cte.params, where: inCaseload(people, accompaniments, filter) };
  }
}
