import { Migration } from '@mikro-orm/migrations';

/**
 * The appointments of each Département counted per day and status, kept on write (ADR 0033). The
 * adherence of a whole Département (closed, honoured, left open over a period) read every
 * appointment of the period from an index: 155 000 of them for a year of the Pas-de-Calais at
 * 160 000 people, 40 ms alone and the fourth statement of an administrator's Pilotage page. The
 * tally reads a few rows per day of the period instead, and its figures are the appointments' own:
 * written in the writer's transaction, never stale.
 *
 * Append only: a statement on `appointment` (an insert, a status recorded, a deletion, a COPY of a
 * whole population) adds one row per day and status it changed, with the net change (`n`, negative
 * for rows removed). Writers never update a shared counter, so two référents recording two
 * outcomes of the same day neither wait for each other nor deadlock. `compact_appointment_tally`
 * folds a Département's rows into one per day and status (the publication job runs it nightly); a
 * reader sums whatever rows there are, compacted or not.
 */
export class Migration20261213090000_appointment_tally extends Migration {
  override up(): void {
    this.addSql(`create table beneficiaries.appointment_tally (
      department_code text not null,
      scheduled_on date not null,
      status text not null,
      n integer not null
    )`);
    this.addSql('create index appointment_tally_department_day_idx on beneficiaries.appointment_tally (department_code, scheduled_on) include (status, n)');

    this.addSql(`create function beneficiaries.appointment_tally_changed() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          insert into beneficiaries.appointment_tally (department_code, scheduled_on, status, n)
          select department_code, scheduled_on, status, count(*) from new_rows group by 1, 2, 3;
        elsif tg_op = 'DELETE' then
          insert into beneficiaries.appointment_tally (department_code, scheduled_on, status, n)
          select department_code, scheduled_on, status, -count(*) from old_rows group by 1, 2, 3;
        else
          insert into beneficiaries.appointment_tally (department_code, scheduled_on, status, n)
          select department_code, scheduled_on, status, sum(n)
            from (select department_code, scheduled_on, status, 1 as n from new_rows
                  union all select department_code, scheduled_on, status, -1 from old_rows) changes
           group by 1, 2, 3 having sum(n) <> 0;
        end if;
        return null;
      end $$`);
    // Transition tables allow one event per trigger: three triggers.
    this.addSql(`create trigger appointment_tally_insert after insert on beneficiaries.appointment
      referencing new table as new_rows for each statement execute function beneficiaries.appointment_tally_changed()`);
    this.addSql(`create trigger appointment_tally_update after update on beneficiaries.appointment
      referencing old table as old_rows new table as new_rows for each statement execute function beneficiaries.appointment_tally_changed()`);
    this.addSql(`create trigger appointment_tally_delete after delete on beneficiaries.appointment
      referencing old table as old_rows for each statement execute function beneficiaries.appointment_tally_changed()`);

    // One row per day and status of a Département, in one statement: the rows it deletes are those
    // its snapshot sees, and a writer's row committed meanwhile stays, to be folded next time.
    this.addSql(`create function beneficiaries.compact_appointment_tally(department text) returns void language sql as $$
      with removed as (delete from beneficiaries.appointment_tally where department_code = department returning scheduled_on, status, n)
      insert into beneficiaries.appointment_tally (department_code, scheduled_on, status, n)
      select department, scheduled_on, status, sum(n) from removed group by 1, 2, 3 having sum(n) <> 0
    $$`);

    // The appointments already there.
    this.addSql(`insert into beneficiaries.appointment_tally (department_code, scheduled_on, status, n)
      select department_code, scheduled_on, status, count(*) from beneficiaries.appointment group by 1, 2, 3`);
  }

  override down(): void {
    for (const event of ['insert', 'update', 'delete']) this.addSql(`drop trigger if exists appointment_tally_${event} on beneficiaries.appointment`);
    this.addSql('drop function if exists beneficiaries.compact_appointment_tally(text), beneficiaries.appointment_tally_changed()');
    this.addSql('drop table if exists beneficiaries.appointment_tally');
  }
}
