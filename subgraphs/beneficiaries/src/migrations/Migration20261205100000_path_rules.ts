import { Migration } from '@mikro-orm/migrations';

/**
 * A person's path you can trust (issue 13): appointments can be cancelled (by the référent, or by
 * the exit for those after it); referrals carry the partner's coded refusal reason and who
 * answered, and are found by their receiving partner and by their person and service (the
 * duplicate check). Referrals made outside an accompaniment are attached to the person's
 * accompaniment in progress on their day, so that the path shows them.
 */
export class Migration20261205100000_path_rules extends Migration {
  override up(): void {
    this.addSql('alter table beneficiaries.appointment drop constraint if exists appointment_status_check');
    this.addSql(`alter table beneficiaries.appointment add constraint appointment_status_check check (status in ('PLANNED', 'HONOURED', 'MISSED', 'EXCUSED', 'CANCELLED'))`);
    this.addSql(`alter table beneficiaries.referral add column refusal_reason text
      check (refusal_reason in ('NOT_ELIGIBLE', 'NO_CAPACITY', 'PERSON_DECLINED', 'UNREACHABLE', 'NOT_RELEVANT', 'DUPLICATE', 'OTHER'))`);
    this.addSql('alter table beneficiaries.referral add column answered_by text');
    this.addSql(`alter table beneficiaries.referral add constraint referral_refused_has_reason check (status <> 'REFUSED' or refusal_reason is not null or answered_by is null)`);
    this.addSql('create index referral_department_partner_sent_idx on beneficiaries.referral (department_code, partner_id, sent_on desc)');
    this.addSql('create index referral_department_beneficiary_service_idx on beneficiaries.referral (department_code, beneficiary_id, service_id)');
    this.addSql('create index referral_department_accompaniment_idx on beneficiaries.referral (department_code, accompaniment_id)');
    this.addSql(`update beneficiaries.referral r set accompaniment_id = (
        select a.id from beneficiaries.accompaniment a
         where a.department_code = r.department_code and a.beneficiary_id = r.beneficiary_id
           and a.prescribed_on <= r.sent_on and (a.ended_on is null or a.ended_on >= r.sent_on)
         order by a.prescribed_on desc limit 1)
      where r.accompaniment_id is null`);
  }

  override down(): void {
    this.addSql('drop index if exists beneficiaries.referral_department_accompaniment_idx');
    this.addSql('drop index if exists beneficiaries.referral_department_beneficiary_service_idx');
    this.addSql('drop index if exists beneficiaries.referral_department_partner_sent_idx');
    this.addSql('alter table beneficiaries.referral drop constraint if exists referral_refused_has_reason');
    this.addSql('alter table beneficiaries.referral drop column answered_by, drop column refusal_reason');
    this.addSql(`update beneficiaries.appointment set status = 'PLANNED' where status = 'CANCELLED'`);
    this.addSql('alter table beneficiaries.appointment drop constraint if exists appointment_status_check');
    this.addSql(`alter table beneficiaries.appointment add constraint appointment_status_check check (status in ('PLANNED', 'HONOURED', 'MISSED', 'EXCUSED'))`);
  }
}
