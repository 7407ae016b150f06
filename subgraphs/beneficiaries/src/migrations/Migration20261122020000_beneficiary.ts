import { Migration } from '@mikro-orm/migrations';

export class Migration20261122020000_beneficiary extends Migration {
  override up(): void {
    this.addSql(`create table beneficiaries.beneficiary (
      id uuid primary key,
      department_code text not null,
      commune_code text not null,
      territory_id text,
      sex text not null check (sex in ('F', 'M')),
      birth_year smallint not null,
      household_type text not null,
      rsa_entry_date date not null,
      orientation_kind text not null check (orientation_kind in ('SOCIAL', 'SOCIO_PRO', 'PRO')),
      created_at timestamptz not null default now()
    )`);
    this.addSql('create index beneficiary_department_territory_idx on beneficiaries.beneficiary (department_code, territory_id)');
    this.addSql(`create table beneficiaries.accompaniment (
      id uuid primary key,
      department_code text not null,
      beneficiary_id uuid not null references beneficiaries.beneficiary (id),
      programme_id uuid not null,
      operator_id uuid not null,
      convention_id uuid,
      territory_id text,
      prescribed_on date not null,
      started_on date,
      ended_on date,
      exit_reason text,
      created_at timestamptz not null default now(),
      check (started_on is null or started_on >= prescribed_on),
      check (ended_on is null or (started_on is not null and ended_on >= started_on))
    )`);
    this.addSql('create index accompaniment_department_territory_idx on beneficiaries.accompaniment (department_code, territory_id) where ended_on is null');
    this.addSql('create index accompaniment_department_beneficiary_idx on beneficiaries.accompaniment (department_code, beneficiary_id)');
  }

  override down(): void {
    this.addSql('drop table if exists beneficiaries.accompaniment, beneficiaries.beneficiary');
  }
}
