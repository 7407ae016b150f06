import { Migration } from '@mikro-orm/migrations';

/**
 * Accompaniments that beneficiaries told contracts have ended (ADR 0021): their contracts in force
 * were ended with the exit, and no contract is written for them any more.
 */
export class Migration20261205200000_closed_accompaniment extends Migration {
  override up(): void {
    this.addSql(`create table contracts.closed_accompaniment (
      accompaniment_id uuid primary key,
      department_code text not null,
      beneficiary_id uuid not null,
      ended_on date not null,
      event_id uuid not null,
      received_at timestamptz not null default now()
    )`);
  }
}
