import { Migration } from '@mikro-orm/migrations';

/**
 * The statistics that are not linked counts (durations, delays, difficulties, adherence, the
 * partners' decisions, the legal delay chain) of each closed calendar year of a Département, as
 * the publication job first computed them (ADR 0023, « time »; issue 15): what a caller without
 * exact counts reads for that year, stored once — a record entered late changes the
 * administrators' figures only, and a committee's year costs a lookup instead of a pass over the
 * Département's rows.
 */
export class Migration20261209090000_publication_statistics extends Migration {
  override up(): void {
    this.addSql(`create table beneficiaries.publication_statistics (
      department_code text not null,
      year integer not null,
      as_of date not null,
      statistics jsonb not null,
      primary key (department_code, year)
    )`);
  }
}
