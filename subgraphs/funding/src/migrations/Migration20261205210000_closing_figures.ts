import { Migration } from '@mikro-orm/migrations';

/**
 * The balance rule's basis, recorded with the final report (ADR 0021): the active caseload and the
 * places in force on the convention's last day, as contracts and beneficiaries count them for
 * `Convention.closingOccupancy`. Null until funding has fetched them.
 */
export class Migration20261205210000_closing_figures extends Migration {
  override up(): void {
    this.addSql(`alter table funding.final_report
      add column closing_caseload integer check (closing_caseload >= 0),
      add column closing_places integer check (closing_places >= 0),
      add column closing_recorded_at timestamptz`);
    this.addSql('create index final_report_closing_pending_idx on funding.final_report (department_code) where received_on is not null and closing_places is null');
  }
}
