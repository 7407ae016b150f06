import type { EntityManager } from '@mikro-orm/postgresql';
import type { ReferralStatus } from '../accompaniment/accompaniment.enums.js';

export interface ReferralRecord {
  id: string;
  departmentCode: string;
  beneficiaryId: string;
  accompanimentId: string | null;
  serviceId: string;
  partnerId: string;
  status: ReferralStatus;
  sentOn: string;
  answeredOn: string | null;
  closedOn: string | null;
}

const COLUMNS = `id, department_code as "departmentCode", beneficiary_id as "beneficiaryId", accompaniment_id as "accompanimentId",
  service_id as "serviceId", partner_id as "partnerId", status, sent_on::text as "sentOn", answered_on::text as "answeredOn", closed_on::text as "closedOn"`;

export class ReferralRepository {
  constructor(private readonly em: EntityManager) {}

  byId(departmentCode: string, id: string): Promise<ReferralRecord | undefined> {
    return this.em.execute<ReferralRecord[]>(`select ${COLUMNS} from beneficiaries.referral where department_code = ? and id = ?`, [departmentCode, id]).then((r) => r[0]);
  }

  byAccompaniments(departmentCode: string, accompanimentIds: readonly string[]): Promise<ReferralRecord[]> {
    return this.em.execute(`select ${COLUMNS} from beneficiaries.referral where department_code = ? and accompaniment_id in (?) order by sent_on, id`, [
      departmentCode,
      [...accompanimentIds],
    ]);
  }

  /** People with a referral sent or accepted (not yet closed) to each partner. */
  openByPartner(departmentCode: string, partnerIds: readonly string[]): Promise<{ key: string; count: string }[]> {
    return this.em.execute(
      `select partner_id as key, count(distinct beneficiary_id) as count from beneficiaries.referral
        where department_code = ? and partner_id in (?) and status in ('SENT', 'ACCEPTED') group by partner_id`,
      [departmentCode, [...partnerIds]],
    );
  }
}
