import { Migration } from '@mikro-orm/migrations';

/**
 * Three indexes for the administrator's Pilotage page at 160 000 people × 5 years (ADR 0031):
 *
 * - `accompaniment_department_until_idx`: the accompaniments by the day they stop counting,
 *   `coalesce(ended_on, 'infinity')` (still open: never). « Accompanied during a period » and
 *   « active on a day » are a range on it, read from the index alone, where the plain indexes by
 *   start or end date read the Département's whole history (started before the period's end) or
 *   left the open accompaniments out (`ended_on is null` is a second range). `ended_on` is included
 *   as a column because PostgreSQL answers from the index alone only when every column the
 *   statement names is in it; the convention is included so that the conventions' caseloads are
 *   served too.
 * - `beneficiary_department_difficulties_idx`: only the people with a psychological difficulty
 *   (45 % of them in the synthetic population), with their difficulties: the indicator reads fewer
 *   than half the entries of an index on every person. `beneficiary_department_id_idx` goes back
 *   to what the caseload's order needs (`department_code, id`), without the difficulties.
 * - `referral_department_sent_idx`: the referrals by the day they were sent, with what the
 *   referral indicator counts; it read the Département's whole referral table before.
 */
export class Migration20261212090000_period_indexes extends Migration {
  override up(): void {
    this.addSql(
      `create index accompaniment_department_until_idx on beneficiaries.accompaniment (department_code, (coalesce(ended_on, 'infinity'::date)))
         include (started_on, ended_on, beneficiary_id, territory_id, programme_id, operator_id, convention_id)`,
    );
    this.addSql(
      `create index beneficiary_department_difficulties_idx on beneficiaries.beneficiary (department_code, id)
         include (psychological_difficulties) where psychological_difficulties <> '{}'`,
    );
    this.addSql('drop index if exists beneficiaries.beneficiary_department_id_idx');
    this.addSql('create index beneficiary_department_id_idx on beneficiaries.beneficiary (department_code, id)');
    this.addSql('create index referral_department_sent_idx on beneficiaries.referral (department_code, sent_on) include (status, answered_on, accompaniment_id)');
  }

  override down(): void {
    this.addSql('drop index if exists beneficiaries.referral_department_sent_idx');
    this.addSql('drop index if exists beneficiaries.beneficiary_department_id_idx');
    this.addSql('create index beneficiary_department_id_idx on beneficiaries.beneficiary (department_code, id) include (psychological_difficulties)');
    this.addSql('drop index if exists beneficiaries.beneficiary_department_difficulties_idx');
    this.addSql('drop index if exists beneficiaries.accompaniment_department_until_idx');
  }
}
