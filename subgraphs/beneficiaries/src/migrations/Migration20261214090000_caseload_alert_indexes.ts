import { Migration } from '@mikro-orm/migrations';

/**
 * The indexes a whole Département's caseload alerts read from (caseload.repository.ts `alertCte`).
 * An administrator's alert counts looked up each open accompaniment's appointments, referrals,
 * person and orientations one by one: seven lookups for each of 20 000 open accompaniments at
 * 160 000 people, 1.2 s. Each alert now reads the few rows that can raise it, by date:
 * - the planned appointments of past days (`appointment_department_planned_idx`), and each
 *   accompaniment's last appointment from the index alone (`appointment_department_accompaniment_idx`
 *   now ordered by day and entry, with the status);
 * - the referrals refused in the last 60 days (`referral_department_refused_idx`; those expired read
 *   `referral_department_sent_idx` by the day they were sent);
 * - the people whose right opened under the law in force (`beneficiary_department_rights_idx`);
 * - the orientations notified under it (`orientation_department_notified_idx`), and each person's
 *   latest orientation from the index alone (`orientation_department_beneficiary_idx` with its last
 *   tie-break, `id`, and the day it was notified);
 * - the open accompaniments of a Département from the index alone, with what the alerts read of
 *   them (`accompaniment_open_per_programme_key`, same uniqueness, more columns).
 */
export class Migration20261214090000_caseload_alert_indexes extends Migration {
  override up(): void {
    this.addSql('drop index if exists beneficiaries.appointment_department_accompaniment_idx');
    this.addSql(
      'create index appointment_department_accompaniment_idx on beneficiaries.appointment (department_code, accompaniment_id, scheduled_on desc, created_at desc) include (status)',
    );
    this.addSql(`create index appointment_department_planned_idx on beneficiaries.appointment (department_code, scheduled_on) include (accompaniment_id) where status = 'PLANNED'`);
    this.addSql(`create index referral_department_refused_idx on beneficiaries.referral (department_code, answered_on) include (accompaniment_id) where status = 'REFUSED'`);
    this.addSql(
      'create index beneficiary_department_rights_idx on beneficiaries.beneficiary (department_code, (coalesce(rights_opened_on, rsa_entry_date))) include (id, rights_opened_on, rsa_entry_date)',
    );
    this.addSql('drop index if exists beneficiaries.orientation_department_beneficiary_idx');
    this.addSql(
      'create index orientation_department_beneficiary_idx on beneficiaries.orientation (department_code, beneficiary_id, decided_on desc, created_at desc, id desc) include (notified_on)',
    );
    this.addSql('create index orientation_department_notified_idx on beneficiaries.orientation (department_code, notified_on) include (beneficiary_id)');
    this.addSql('drop index if exists beneficiaries.accompaniment_open_per_programme_key');
    this.addSql(`create unique index accompaniment_open_per_programme_key on beneficiaries.accompaniment (department_code, beneficiary_id, programme_id)
      include (id, started_on, prescribed_on, final_review_on) where ended_on is null`);
  }

  override down(): void {
    this.addSql('drop index if exists beneficiaries.accompaniment_open_per_programme_key');
    this.addSql(`create unique index accompaniment_open_per_programme_key on beneficiaries.accompaniment (department_code, beneficiary_id, programme_id) where ended_on is null`);
    this.addSql('drop index if exists beneficiaries.orientation_department_notified_idx');
    this.addSql('drop index if exists beneficiaries.orientation_department_beneficiary_idx');
    this.addSql('create index orientation_department_beneficiary_idx on beneficiaries.orientation (department_code, beneficiary_id, decided_on desc, created_at desc)');
    this.addSql('drop index if exists beneficiaries.beneficiary_department_rights_idx');
    this.addSql('drop index if exists beneficiaries.referral_department_refused_idx');
    this.addSql('drop index if exists beneficiaries.appointment_department_planned_idx');
    this.addSql('drop index if exists beneficiaries.appointment_department_accompaniment_idx');
    this.addSql('create index appointment_department_accompaniment_idx on beneficiaries.appointment (department_code, accompaniment_id)');
  }
}
