import { Migration } from '@mikro-orm/migrations';

/**
 * The Département's publication (ADR 0023, « linked publication »): every steering count a caller
 * without exact rights may read, with its value or the rule that hid it, as the job computed it
 * on `as_of`. One row per Département, replaced by each run of the job.
 */
export class Migration20261207090000_publication extends Migration {
  override up(): void {
    this.addSql(`create table beneficiaries.publication (
      department_code text primary key,
      as_of date not null,
      computed_at timestamptz not null,
      grid jsonb,
      first_month text,
      shown jsonb not null,
      hidden jsonb not null,
      tried jsonb not null,
      report jsonb
    )`);
  }
}
