import type { EntityManager } from '@mikro-orm/postgresql';
import { CONVENTION_PLACES, enqueueEvent, type ConventionPlaces } from '@passerelles/subgraph-kit';

/**
 * A convention's places and dates as the current transaction leaves them, with its places per
 * territory and the database clock's time (which orders the snapshots of one convention): read
 * back in one statement, so that what funding receives is what contracts stored.
 */
export const conventionPlacesSnapshotSql = `
  select c.id as "conventionId", c.places, to_char(c.starts_on, 'YYYY-MM-DD') as "startsOn", to_char(c.ends_on, 'YYYY-MM-DD') as "endsOn",
         coalesce(jsonb_agg(jsonb_build_object('territoryId', ct.territory_id, 'places', ct.places) order by ct.territory_id) filter (where ct.territory_id is not null), '[]'::jsonb) as territories,
         to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "revisedAt"
    from contracts.convention c
    left join contracts.convention_territory ct on ct.department_code = c.department_code and ct.convention_id = c.id`;

/**
 * Tells funding a convention's places (`convention-places`, ADR 0028), in the transaction of the
 * change (ADR 0021's outbox): funding prorates the money it commits to the convention by territory
 * from its own copy. Every write of a convention's places, dates or territories goes through here.
 */
export async function tellConventionPlaces(em: EntityManager, departmentCode: string, conventionId: string): Promise<void> {
  const [payload] = await em.execute<ConventionPlaces[]>(`${conventionPlacesSnapshotSql} where c.department_code = ? and c.id = ? group by c.id`, [departmentCode, conventionId]);
  if (!payload) throw new Error(`convention ${conventionId} not found in its own transaction`);
  await enqueueEvent(em, 'contracts', { departmentCode, topic: CONVENTION_PLACES, key: conventionId, payload: { ...payload } });
}
