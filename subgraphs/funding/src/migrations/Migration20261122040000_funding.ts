import { Migration } from '@mikro-orm/migrations';

export class Migration20261122040000_funding extends Migration {
  override up(): void {
    this.addSql(`create table funding.programme (
      id uuid primary key,
      department_code text not null,
      name text not null,
      description text not null default '',
      created_at timestamptz not null default now()
    )`);
    this.addSql('create index programme_department_idx on funding.programme (department_code, name)');
    this.addSql(`create table funding.funding_commitment (
      id uuid primary key,
      department_code text not null,
      programme_id uuid not null references funding.programme (id),
      convention_id uuid not null,
      amount_cents bigint not null check (amount_cents >= 0),
      budget_year smallint not null,
      created_at timestamptz not null default now()
    )`);
    this.addSql('create index funding_commitment_convention_idx on funding.funding_commitment (department_code, convention_id)');
    this.addSql('create index funding_commitment_programme_idx on funding.funding_commitment (department_code, programme_id)');
  }

  override down(): void {
    this.addSql('drop table if exists funding.funding_commitment, funding.programme');
  }
}
