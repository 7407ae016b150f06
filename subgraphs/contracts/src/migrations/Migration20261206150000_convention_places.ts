import { Migration } from '@mikro-orm/migrations';

/**
 * Funding keeps its own copy of the conventions' places (ADR 0028): the conventions that exist
 * before this migration are told once, like any created or amended later (`convention-places`,
 * the payload of `convention-places.event.ts` as of this migration). An empty database (a new
 * install, the demo) sends none.
 */
export class Migration20261206150000_convention_places extends Migration {
  override up(): void {
    this.addSql(`insert into contracts.outbox (id, department_code, topic, event_key, payload)
      select gen_random_uuid(), c.department_code, 'convention-places', c.id::text,
             jsonb_build_object('conventionId', c.id, 'places', c.places, 'startsOn', to_char(c.starts_on, 'YYYY-MM-DD'), 'endsOn', to_char(c.ends_on, 'YYYY-MM-DD'),
               'territories', coalesce((select jsonb_agg(jsonb_build_object('territoryId', ct.territory_id, 'places', ct.places) order by ct.territory_id)
                                          from contracts.convention_territory ct where ct.department_code = c.department_code and ct.convention_id = c.id), '[]'::jsonb),
               'revisedAt', to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
        from contracts.convention c`);
  }
}
