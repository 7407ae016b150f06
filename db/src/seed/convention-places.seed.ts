import type pg from 'pg';

/**
 * What contracts would have told funding of the conventions written here directly
 * (`convention-places`, ADR 0028): funding's copy of each convention's places and dates and of its
 * places per territory, which `Territory.fundingCommitted` prorates the money by. For the demo, and
 * for tests that write contracts' rows without its service. A convention already copied is
 * replaced (its `revised_at` is now).
 */
export async function seedConventionPlaces(client: Pick<pg.ClientBase, 'query'>, departmentCode: string | null = null): Promise<{ conventionPlaces: number }> {
  const copied = await client.query(
    `insert into funding.convention_places (department_code, convention_id, places, starts_on, ends_on, revised_at)
     select c.department_code, c.id, c.places, c.starts_on, c.ends_on, clock_timestamp() from contracts.convention c
      where $1::text is null or c.department_code = $1
     on conflict (department_code, convention_id) do update
       set places = excluded.places, starts_on = excluded.starts_on, ends_on = excluded.ends_on, revised_at = excluded.revised_at, received_at = now()`,
    [departmentCode],
  );
  await client.query(
    `delete from funding.convention_territory_places where $1::text is null or department_code = $1`,
    [departmentCode],
  );
  await client.query(
    `insert into funding.convention_territory_places (department_code, territory_id, convention_id, places)
     select ct.department_code, ct.territory_id, ct.convention_id, ct.places from contracts.convention_territory ct
      where $1::text is null or ct.department_code = $1`,
    [departmentCode],
  );
  return { conventionPlaces: copied.rowCount ?? 0 };
}
