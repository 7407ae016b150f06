import { Migration } from '@mikro-orm/migrations';

/**
 * Exits recorded before the outbox existed: contracts was never told of them (the dashboard ended
 * the CER, when it could). One `accompaniment-closed` event per ended accompaniment, so that
 * contracts learns of them like of any new exit (ADR 0021); it ends what is still in force and
 * takes no new contract for them. An empty database (a new install, the demo) gets none.
 */
export class Migration20261205220000_outbox_backfill extends Migration {
  override up(): void {
    this.addSql(`insert into beneficiaries.outbox (id, department_code, topic, event_key, payload)
      select gen_random_uuid(), a.department_code, 'accompaniment-closed', a.id::text,
             jsonb_build_object('accompanimentId', a.id, 'beneficiaryId', a.beneficiary_id, 'endedOn', a.ended_on::text, 'reason', coalesce(a.exit_reason, 'OTHER'))
        from beneficiaries.accompaniment a
       where a.ended_on is not null
         and not exists (select 1 from beneficiaries.outbox o where o.topic = 'accompaniment-closed' and o.event_key = a.id::text)`);
  }
}
