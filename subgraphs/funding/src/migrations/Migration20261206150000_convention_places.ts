import { Migration } from '@mikro-orm/migrations';

/**
 * Funding's own copy of the conventions' places and dates, and of their places per territory, as
 * contracts tells them (`convention-places`, ADR 0028): what `Territory.fundingCommitted` prorates
 * the money by, without a `@requires` from contracts on every request. Contracts' migration of the
 * same day sends one event per convention that already exists; the demo seed writes the copy.
 */
export class Migration20261206150000_convention_places extends Migration {
  override up(): void {
    this.addSql(`create table funding.convention_places (
      department_code text not null,
      convention_id uuid not null,
      places integer not null check (places >= 0),
      starts_on date not null,
      ends_on date not null,
      revised_at timestamptz not null,
      event_id uuid,
      received_at timestamptz not null default now(),
      primary key (department_code, convention_id)
    )`);
    this.addSql(`create table funding.convention_territory_places (
      department_code text not null,
      territory_id text not null,
      convention_id uuid not null,
      places integer not null check (places >= 0),
      primary key (department_code, territory_id, convention_id)
    )`);
    this.addSql('create index convention_territory_places_convention on funding.convention_territory_places (department_code, convention_id)');
  }

  override down(): void {
    this.addSql('drop table funding.convention_territory_places');
    this.addSql('drop table funding.convention_places');
  }
}
