import { Migration } from '@mikro-orm/migrations';

/** Appointment adherence over a whole Département reads only this index (index-only scan). */
export class Migration20261122140000_indicator_indexes extends Migration {
  override up(): void {
    this.addSql('drop index if exists beneficiaries.appointment_department_scheduled_idx');
    this.addSql('create index appointment_department_scheduled_idx on beneficiaries.appointment (department_code, scheduled_on) include (status)');
  }

  override down(): void {
    this.addSql('drop index if exists beneficiaries.appointment_department_scheduled_idx');
    this.addSql('create index appointment_department_scheduled_idx on beneficiaries.appointment (department_code, scheduled_on)');
  }
}
