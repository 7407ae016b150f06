import type { EntityManager } from '@mikro-orm/postgresql';
import { REFERRAL_EXPIRES_AFTER_DAYS, type ReferralRefusalReason, type ReferralStatus } from '../accompaniment/accompaniment.enums.js';

export interface ReferralRecord {
  id: string;
  departmentCode: string;
  beneficiaryId: string;
  accompanimentId: string | null;
  serviceId: string;
  partnerId: string;
  /** The status as stored, except a referral sent and left unanswered too long, which reads EXPIRED. */
  status: ReferralStatus;
  sentOn: string;
  answeredOn: string | null;
  closedOn: string | null;
  refusalReason: ReferralRefusalReason | null;
  note: string | null;
  /** The day a sent referral expires when unanswered; null once answered. */
  expiresOn: string | null;
}

/**
 * The one definition of a referral's status on a day: SENT for more than
 * REFERRAL_EXPIRES_AFTER_DAYS days reads EXPIRED (derived, never stored: no job to run).
 */
export const effectiveStatusSql = (alias: string, today = '?::date'): string =>
  `case when ${alias}.status = 'SENT' and ${alias}.sent_on + ${REFERRAL_EXPIRES_AFTER_DAYS} < ${today} then 'EXPIRED' else ${alias}.status end`;

/** Open on a day: accepted, or sent and not expired — a second one to the same service is a duplicate. */
export const openSql = (alias: string, today = '?::date'): string =>
  `(${alias}.status = 'ACCEPTED' or (${alias}.status = 'SENT' and ${alias}.sent_on + ${REFERRAL_EXPIRES_AFTER_DAYS} >= ${today}))`;

const columns = (today: string): { sql: string; params: unknown[] } => ({
  sql: `r.id, r.department_code as "departmentCode", r.beneficiary_id as "beneficiaryId", r.accompaniment_id as "accompanimentId",
  r.service_id as "serviceId", r.partner_id as "partnerId", ${effectiveStatusSql('r')} as status, r.sent_on::text as "sentOn",
  r.answered_on::text as "answeredOn", r.closed_on::text as "closedOn", r.refusal_reason as "refusalReason", r.note,
  case when r.status = 'SENT' then (r.sent_on + ${REFERRAL_EXPIRES_AFTER_DAYS})::text end as "expiresOn"`,
  params: [today],
});

export interface ReceivedFilter {
  departmentCode: string;
  /** The receiving partner; null for every partner of the Département (administrators). */
  partnerId: string | null;
  /** Only these effective statuses; null for all. */
  statuses: readonly ReferralStatus[] | null;
}

export class ReferralRepository {
  constructor(
    private readonly em: EntityManager,
    private readonly today: string,
  ) {}

  byId(departmentCode: string, id: string): Promise<ReferralRecord | undefined> {
    const c = columns(this.today);
    return this.em.execute<ReferralRecord[]>(`select ${c.sql} from beneficiaries.referral r where r.department_code = ? and r.id = ?`, [...c.params, departmentCode, id]).then((r) => r[0]);
  }

  byAccompaniments(departmentCode: string, accompanimentIds: readonly string[]): Promise<ReferralRecord[]> {
    const c = columns(this.today);
    return this.em.execute(`select ${c.sql} from beneficiaries.referral r where r.department_code = ? and r.accompaniment_id in (?) order by r.sent_on, r.id`, [
      ...c.params,
      departmentCode,
      [...accompanimentIds],
    ]);
  }

  /** Whether this person has an open referral to this service (the duplicate check, under the person's lock). */
  async hasOpen(departmentCode: string, beneficiaryId: string, serviceId: string): Promise<boolean> {
    const rows = await this.em.execute<{ open: boolean }[]>(
      `select exists (select 1 from beneficiaries.referral r where r.department_code = ? and r.beneficiary_id = ? and r.service_id = ? and ${openSql('r')}) as open`,
      [departmentCode, beneficiaryId, serviceId, this.today],
    );
    return rows[0]?.open ?? false;
  }

  /** Referrals a partner received, newest first, a page at a time (keyset on sent day and id). */
  received(filter: ReceivedFilter, first: number, after: { sentOn: string; id: string } | null): Promise<ReferralRecord[]> {
    const c = columns(this.today);
    const where = ['r.department_code = ?'];
    const params: unknown[] = [...c.params, filter.departmentCode];
    if (filter.partnerId) {
      where.push('r.partner_id = ?');
      params.push(filter.partnerId);
    }
    if (filter.statuses) {
      where.push(`${effectiveStatusSql('r')} in (?)`);
      params.push(this.today, [...filter.statuses]);
    }
    if (after) {
      where.push('(r.sent_on, r.id) < (?::date, ?::uuid)');
      params.push(after.sentOn, after.id);
    }
    return this.em.execute(`select ${c.sql} from beneficiaries.referral r where ${where.join(' and ')} order by r.sent_on desc, r.id desc limit ?`, [...params, first + 1]);
  }

  /** People with a referral open (accepted, or sent and not expired) to each partner. */
  openByPartner(departmentCode: string, partnerIds: readonly string[]): Promise<{ key: string; count: string }[]> {
    return this.em.execute(
      `select r.partner_id as key, count(distinct r.beneficiary_id) as count from beneficiaries.referral r
        where r.department_code = ? and r.partner_id in (?) and ${openSql('r')} group by r.partner_id`,
      [departmentCode, [...partnerIds], this.today],
    );
  }
}
