import type { EntityManager } from '@mikro-orm/postgresql';
import { conventionPlacesPayload, internalHandler, type ConventionPlaces } from '@passerelles/subgraph-kit';

/**
 * A convention's places as contracts now holds them (`convention-places`, ADR 0028), kept as
 * funding's own copy: the convention's places and dates, and its places per territory, which
 * `Territory.fundingCommitted` prorates the money by. One transaction; a snapshot older than the one
 * kept (a late or repeated delivery) changes nothing. The rows belong to the Département of the
 * sender's token. Returns whether the copy changed.
 */
export function recordConventionPlaces(em: EntityManager, departmentCode: string, eventId: string | null, snapshot: ConventionPlaces): Promise<boolean> {
  return em.transactional(async (tx) => {
    const kept = await tx.execute<{ convention_id: string }[]>(
      `insert into funding.convention_places (department_code, convention_id, places, starts_on, ends_on, revised_at, event_id)
       values (?, ?, ?, ?::date, ?::date, ?::timestamptz, ?)
       on conflict (department_code, convention_id) do update
         set places = excluded.places, starts_on = excluded.starts_on, ends_on = excluded.ends_on,
             revised_at = excluded.revised_at, event_id = excluded.event_id, received_at = now()
         where funding.convention_places.revised_at < excluded.revised_at
       returning convention_id`,
      [departmentCode, snapshot.conventionId, snapshot.places, snapshot.startsOn, snapshot.endsOn, snapshot.revisedAt, eventId],
    );
    if (kept.length === 0) return false;
    await tx.execute(`delete from funding.convention_territory_places where department_code = ? and convention_id = ?`, [departmentCode, snapshot.conventionId]);
    if (snapshot.territories.length > 0) {
      await tx.execute(
        `insert into funding.convention_territory_places (department_code, territory_id, convention_id, places)
         select ?, t."territoryId", ?, t.places from jsonb_to_recordset(?::jsonb) as t("territoryId" text, places int)`,
        [departmentCode, snapshot.conventionId, JSON.stringify(snapshot.territories)],
      );
    }
    return true;
  });
}

/** `POST /internal/convention-places`, from contracts only. */
export const conventionPlacesHandler = internalHandler({
  from: ['contracts'],
  payload: conventionPlacesPayload,
  handle: async (event) => {
    await recordConventionPlaces(event.em, event.sender.departmentCode, event.id, event.payload);
  },
});
