import { Migration } from '@mikro-orm/migrations';

/**
 * Retention (ARCHITECTURE.md §5): accompaniment data stays identifiable for 2 years after the last
 * contact (configurable per Département), then is anonymised; `anonymised_on` records when.
 */
export class Migration20261122160000_retention extends Migration {
  override up(): void {
    this.addSql(`create table beneficiaries.retention_policy (
      department_code text primary key,
      months integer not null check (months >= 1),
      updated_at timestamptz not null default now()
    )`);
    this.addSql('alter table beneficiaries.beneficiary add column anonymised_on date');
  }

  override down(): void {
    this.addSql('alter table beneficiaries.beneficiary drop column anonymised_on');
    this.addSql('drop table if exists beneficiaries.retention_policy');
  }
}
