import { Migration } from '@mikro-orm/migrations';

/**
 * The accompaniment life cycle: who prescribed and follows each path, its milestones and exit
 * reasons, appointments, referrals to partners, and the encrypted identity of each person.
 * New columns have defaults so that existing rows (and writers that do not know them) still fit.
 */
export class Migration20261122130000_lifecycle extends Migration {
  override up(): void {
    this.addSql(`alter table beneficiaries.beneficiary
      add column external_ref text,
      add column barriers text[] not null default '{}',
      add column psychological_difficulties text[] not null default '{}'`);
    this.addSql('create unique index beneficiary_department_external_ref_key on beneficiaries.beneficiary (department_code, external_ref)');

    // Identifying fields, encrypted by the application (AES-256-GCM); the digest (HMAC) only tells whether an import changes them.
    this.addSql(`create table beneficiaries.beneficiary_identity (
      beneficiary_id uuid primary key references beneficiaries.beneficiary (id),
      department_code text not null,
      ciphertext bytea not null,
      digest text not null,
      updated_at timestamptz not null default now()
    )`);
    this.addSql('create index beneficiary_identity_department_idx on beneficiaries.beneficiary_identity (department_code, beneficiary_id)');

    this.addSql(`alter table beneficiaries.accompaniment
      add column external_ref text,
      add column referent_id text,
      add column prescriber_id text,
      add column validated_on date,
      add column final_review_on date,
      add column exit_sub_reason text,
      add constraint accompaniment_validated_order check (validated_on is null or validated_on >= prescribed_on),
      add constraint accompaniment_final_review_order check (final_review_on is null or (started_on is not null and final_review_on >= started_on)),
      add constraint accompaniment_exit_reason check (exit_reason is null or exit_reason in
        ('STABILISATION', 'EVOLUTION', 'FINANCIAL_CHANGE', 'DYNAMIC_EXIT', 'REORIENTATION', 'DROPPED_OUT', 'MOVED', 'DECEASED', 'OTHER')),
      add constraint accompaniment_exit_sub_reason check (exit_sub_reason is null or (exit_reason = 'FINANCIAL_CHANGE' and exit_sub_reason in
        ('AAH', 'UNEMPLOYMENT_BENEFIT', 'INVALIDITY_PENSION', 'DAILY_ALLOWANCE', 'RETIREMENT_ASPA')))`);
    // At most one open accompaniment per person and programme.
    this.addSql(`create unique index accompaniment_open_per_programme_key on beneficiaries.accompaniment (department_code, beneficiary_id, programme_id) where ended_on is null`);
    this.addSql('create unique index accompaniment_department_external_ref_key on beneficiaries.accompaniment (department_code, external_ref)');
    this.addSql('create index accompaniment_department_referent_idx on beneficiaries.accompaniment (department_code, referent_id)');
    this.addSql('create index accompaniment_department_started_idx on beneficiaries.accompaniment (department_code, started_on)');
    this.addSql('create index accompaniment_department_ended_idx on beneficiaries.accompaniment (department_code, ended_on)');
    this.addSql('create index accompaniment_department_convention_idx on beneficiaries.accompaniment (department_code, convention_id) where ended_on is null');

    this.addSql(`create table beneficiaries.appointment (
      id uuid primary key,
      department_code text not null,
      accompaniment_id uuid not null references beneficiaries.accompaniment (id),
      beneficiary_id uuid not null references beneficiaries.beneficiary (id),
      kind text not null check (kind in ('FIRST', 'INTERMEDIATE', 'FINAL_REVIEW', 'COLLECTIVE_SESSION', 'PERMANENCE')),
      scheduled_on date not null,
      status text not null check (status in ('PLANNED', 'HONOURED', 'MISSED', 'EXCUSED')),
      created_at timestamptz not null default now()
    )`);
    this.addSql('create index appointment_department_accompaniment_idx on beneficiaries.appointment (department_code, accompaniment_id)');
    this.addSql('create index appointment_department_scheduled_idx on beneficiaries.appointment (department_code, scheduled_on)');

    this.addSql(`create table beneficiaries.referral (
      id uuid primary key,
      department_code text not null,
      beneficiary_id uuid not null references beneficiaries.beneficiary (id),
      accompaniment_id uuid references beneficiaries.accompaniment (id),
      service_id uuid not null,
      partner_id uuid not null,
      status text not null check (status in ('SENT', 'ACCEPTED', 'REFUSED', 'DONE', 'NO_SHOW')),
      sent_on date not null,
      answered_on date,
      closed_on date,
      note text,
      created_by text,
      created_at timestamptz not null default now(),
      check (answered_on is null or answered_on >= sent_on),
      check (closed_on is null or closed_on >= sent_on)
    )`);
    this.addSql('create index referral_department_beneficiary_idx on beneficiaries.referral (department_code, beneficiary_id)');
    this.addSql(`create index referral_department_partner_open_idx on beneficiaries.referral (department_code, partner_id) where status in ('SENT', 'ACCEPTED')`);
  }

  override down(): void {
    this.addSql('drop table if exists beneficiaries.referral, beneficiaries.appointment, beneficiaries.beneficiary_identity');
    this.addSql('drop index if exists beneficiaries.accompaniment_open_per_programme_key, beneficiaries.accompaniment_department_external_ref_key, beneficiaries.accompaniment_department_referent_idx, beneficiaries.accompaniment_department_started_idx, beneficiaries.accompaniment_department_ended_idx, beneficiaries.accompaniment_department_convention_idx');
    this.addSql(`alter table beneficiaries.accompaniment drop constraint accompaniment_validated_order, drop constraint accompaniment_final_review_order,
      drop constraint accompaniment_exit_reason, drop constraint accompaniment_exit_sub_reason,
      drop column external_ref, drop column referent_id, drop column prescriber_id, drop column validated_on, drop column final_review_on, drop column exit_sub_reason`);
    this.addSql('drop index if exists beneficiaries.beneficiary_department_external_ref_key');
    this.addSql('alter table beneficiaries.beneficiary drop column external_ref, drop column barriers, drop column psychological_difficulties');
  }
}
