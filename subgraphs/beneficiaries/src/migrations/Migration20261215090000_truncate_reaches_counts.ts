import { Migration } from '@mikro-orm/migrations';
import { CHAIN_SOURCES } from './Migration20261211090000_delay_chain.js';

/**
 * A `TRUNCATE` reaches what is counted ahead from the rows it removes. The statement triggers that
 * keep the appointment tally (ADR 0033) and the delay chains (ADR 0030) carry the rows of an
 * insert, update or delete; a `TRUNCATE` has none, so it left the tally counting appointments that
 * were gone and the chains pointing at them. Nothing in the application truncates these tables, but
 * an operator restoring or purging them by hand could, and the figures would silently disagree.
 * Now a `TRUNCATE` of the appointments empties their tally, and one of a chain's source tables
 * (alone or by `cascade`) recomputes every chain from what is left: a chain needs an orientation,
 * so the people who still have one.
 */
export class Migration20261215090000_truncate_reaches_counts extends Migration {
  override up(): void {
    this.addSql(`create function beneficiaries.appointment_tally_truncated() returns trigger language plpgsql as $$
      begin
        delete from beneficiaries.appointment_tally;
        return null;
      end $$`);
    this.addSql(`create trigger appointment_tally_truncate after truncate on beneficiaries.appointment
      for each statement execute function beneficiaries.appointment_tally_truncated()`);

    this.addSql(`create function beneficiaries.delay_chain_source_truncated() returns trigger language plpgsql as $$
      begin
        delete from beneficiaries.delay_chain;
        perform beneficiaries.refresh_delay_chain(array(select distinct beneficiary_id from beneficiaries.orientation));
        return null;
      end $$`);
    for (const table of CHAIN_SOURCES) {
      this.addSql(`create trigger ${table}_delay_chain_truncate after truncate on beneficiaries.${table}
        for each statement execute function beneficiaries.delay_chain_source_truncated()`);
    }
  }

  override down(): void {
    for (const table of CHAIN_SOURCES) this.addSql(`drop trigger if exists ${table}_delay_chain_truncate on beneficiaries.${table}`);
    this.addSql('drop trigger if exists appointment_tally_truncate on beneficiaries.appointment');
    this.addSql('drop function if exists beneficiaries.delay_chain_source_truncated(), beneficiaries.appointment_tally_truncated()');
  }
}
