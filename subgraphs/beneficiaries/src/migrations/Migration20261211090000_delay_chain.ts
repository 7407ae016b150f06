import { Migration } from '@mikro-orm/migrations';

/** The tables a person's legal delay chain is read from, besides the person's own row: each names the person in `beneficiary_id`. */
export const CHAIN_SOURCES = ['orientation', 'accompaniment', 'contract_signature', 'referral'];

/**
 * Each person's legal delay chain, stored and kept on write (ADR 0030). Computing it for a period
 * joined five tables over everyone whose right opened since the law's date: 320 ms for an
 * administrator of a Département of 160 000 people × 5 years, most of the Pilotage page's time.
 * One row per person with an orientation holds the dates of their chain (the definition in
 * `refresh_delay_chain`, unchanged from the statement it replaces: docs/beneficiaries.md « Délais
 * légaux »), so that a period's figures read one table by its index.
 *
 * Statement triggers recompute the chains of the people a statement touched, whatever wrote them
 * (the subgraph, imports, contracts' events, the population loader, deletions), in the writer's
 * transaction. A refresh locks the people first (FOR NO KEY UPDATE, which foreign keys do not wait
 * for), so that two transactions writing one person's rows at once recompute one after the other,
 * the second with the first's rows: without it, each would store a chain missing the other's write.
 *
 * A refresh reads each person's rows by their indexes, one person after the other (no sequential
 * scan, no hash or merge join): a bulk write (a COPY of thousands of people, in one transaction)
 * leaves the tables' statistics stale, and a plan chosen on them can read a whole table once per
 * person. Per person, the cost is a few index probes, whatever the statistics say.
 */
export class Migration20261211090000_delay_chain extends Migration {
  override up(): void {
    this.addSql(`create table beneficiaries.delay_chain (
      beneficiary_id uuid primary key references beneficiaries.beneficiary (id) on delete cascade,
      department_code text not null,
      territory_id text,
      rights_opened_on date not null,
      track text not null,
      decided_on date not null,
      notified_on date,
      accompaniment_id uuid,
      started_on date,
      programme_id uuid,
      operator_id uuid,
      contract_on date,
      partner_on date
    )`);
    this.addSql(`create index delay_chain_department_rights_idx on beneficiaries.delay_chain (department_code, rights_opened_on)
      include (territory_id, track, decided_on, notified_on, started_on, programme_id, operator_id, contract_on, partner_on)`);

    // The chain of each person in `ids`: the right opened (`rights_opened_on`, else `rsa_entry_date`), their
    // first orientation (earliest decided), the chain's accompaniment (the first started on or after the
    // notification, or else their first started one), the first contract signed on or after the
    // notification, and the first referral of that accompaniment the partner accepted.
    this.addSql(`create function beneficiaries.refresh_delay_chain(ids uuid[]) returns void language plpgsql
      set enable_seqscan = off set enable_hashjoin = off set enable_mergejoin = off as $$
      begin
        if cardinality(ids) = 0 then
          return;
        end if;
        perform 1 from beneficiaries.beneficiary where id = any(ids) order by id for no key update;
        delete from beneficiaries.delay_chain where beneficiary_id = any(ids);
        insert into beneficiaries.delay_chain (beneficiary_id, department_code, territory_id, rights_opened_on, track, decided_on, notified_on,
                                               accompaniment_id, started_on, programme_id, operator_id, contract_on, partner_on)
        select b.id, b.department_code, b.territory_id, coalesce(b.rights_opened_on, b.rsa_entry_date), o.track, o.decided_on, o.notified_on,
               a.id, a.started_on, a.programme_id, a.operator_id, cs.contract_on, pr.partner_on
          from (select distinct unnest(ids) as id) i
          join beneficiaries.beneficiary b on b.id = i.id
          cross join lateral (select o.track, o.decided_on, o.notified_on from beneficiaries.orientation o
                               where o.department_code = b.department_code and o.beneficiary_id = b.id
                               order by o.decided_on, o.created_at, o.id limit 1) o
          left join lateral (select a.id, a.started_on, a.programme_id, a.operator_id from beneficiaries.accompaniment a
                              where a.department_code = b.department_code and a.beneficiary_id = b.id and a.started_on is not null
                              order by (a.started_on >= o.notified_on) desc nulls last, a.started_on, a.id limit 1) a on true
          left join lateral (select min(cs.signed_on) as contract_on from beneficiaries.contract_signature cs
                              where cs.department_code = b.department_code and cs.beneficiary_id = b.id and cs.signed_on >= o.notified_on) cs on true
          left join lateral (select min(r.answered_on) as partner_on from beneficiaries.referral r
                              where r.department_code = b.department_code and r.accompaniment_id = a.id and r.status in ('ACCEPTED', 'DONE', 'NO_SHOW')) pr on true;
      end $$`);

    // A person's own row changes their chain by their Département, territory or right's date (a new person has no chain yet; deleting a person deletes their chain).
    this.addSql(`create function beneficiaries.delay_chain_person_changed() returns trigger language plpgsql as $$
      begin
        perform beneficiaries.refresh_delay_chain(array(
          select n.id from new_rows n join old_rows o on o.id = n.id
           where (n.department_code, n.territory_id, n.rights_opened_on, n.rsa_entry_date) is distinct from (o.department_code, o.territory_id, o.rights_opened_on, o.rsa_entry_date)));
        return null;
      end $$`);
    this.addSql(`create trigger beneficiary_delay_chain_update after update on beneficiaries.beneficiary
      referencing old table as old_rows new table as new_rows for each statement execute function beneficiaries.delay_chain_person_changed()`);

    // Any row written to a source table recomputes its person's chain (and, if it moved, its former person's).
    this.addSql(`create function beneficiaries.delay_chain_source_changed() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          perform beneficiaries.refresh_delay_chain(array(select distinct beneficiary_id from new_rows));
        elsif tg_op = 'DELETE' then
          perform beneficiaries.refresh_delay_chain(array(select distinct beneficiary_id from old_rows));
        else
          perform beneficiaries.refresh_delay_chain(array(select beneficiary_id from new_rows union select beneficiary_id from old_rows));
        end if;
        return null;
      end $$`);
    // Transition tables allow one event per trigger: three triggers per table.
    for (const table of CHAIN_SOURCES) {
      this.addSql(`create trigger ${table}_delay_chain_insert after insert on beneficiaries.${table}
        referencing new table as new_rows for each statement execute function beneficiaries.delay_chain_source_changed()`);
      this.addSql(`create trigger ${table}_delay_chain_update after update on beneficiaries.${table}
        referencing old table as old_rows new table as new_rows for each statement execute function beneficiaries.delay_chain_source_changed()`);
      this.addSql(`create trigger ${table}_delay_chain_delete after delete on beneficiaries.${table}
        referencing old table as old_rows for each statement execute function beneficiaries.delay_chain_source_changed()`);
    }

    // The chains of the people already there.
    this.addSql('select beneficiaries.refresh_delay_chain(array(select beneficiary_id from beneficiaries.orientation))');
  }

  override down(): void {
    for (const table of CHAIN_SOURCES) {
      for (const event of ['insert', 'update', 'delete']) this.addSql(`drop trigger if exists ${table}_delay_chain_${event} on beneficiaries.${table}`);
    }
    this.addSql('drop trigger if exists beneficiary_delay_chain_update on beneficiaries.beneficiary');
    this.addSql('drop function if exists beneficiaries.delay_chain_source_changed(), beneficiaries.delay_chain_person_changed(), beneficiaries.refresh_delay_chain(uuid[])');
    this.addSql('drop table if exists beneficiaries.delay_chain');
  }
}
