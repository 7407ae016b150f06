import { Migration } from '@mikro-orm/migrations';

export class Migration20261122030000_convention extends Migration {
  override up(): void {
    this.addSql(`create table contracts.convention (
      id uuid primary key,
      department_code text not null,
      operator_id uuid not null,
      programme_id uuid not null,
      name text not null,
      starts_on date not null,
      ends_on date not null,
      fte numeric(6, 2) not null check (fte > 0),
      places integer not null check (places > 0),
      signed_on date,
      created_at timestamptz not null default now(),
      check (ends_on >= starts_on)
    )`);
    this.addSql('create index convention_department_period_idx on contracts.convention (department_code, starts_on, ends_on)');
    this.addSql(`create table contracts.convention_territory (
      department_code text not null,
      convention_id uuid not null references contracts.convention (id) on delete cascade,
      territory_id text not null,
      places integer not null check (places >= 0),
      primary key (convention_id, territory_id)
    )`);
    this.addSql('create index convention_territory_territory_idx on contracts.convention_territory (department_code, territory_id)');
  }

  override down(): void {
    this.addSql('drop table if exists contracts.convention_territory, contracts.convention');
  }
}
