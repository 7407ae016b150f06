import { Migration } from '@mikro-orm/migrations';

/**
 * The publication's memory (ADR 0023, « time »): the leaves of the months already published,
 * frozen as the job first read them (a record dated in a closed month later is never published),
 * and everything the Département's publications released — the attacker keeps every publication,
 * so each new one is audited with them.
 */
export class Migration20261208090000_publication_history extends Migration {
  override up(): void {
    this.addSql(`create table beneficiaries.publication_leaf (
      department_code text not null,
      leaf text not null,
      month text not null,
      n integer not null check (n > 0),
      primary key (department_code, leaf)
    )`);
    this.addSql(`alter table beneficiaries.publication add column through_month text, add column frozen_through text, add column released jsonb not null default '{}'::jsonb`);
  }
}
