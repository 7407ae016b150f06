import type pg from 'pg';
import { conventions } from './contracts.catalogue.js';
import { idOf } from './ids.js';
import { insertRows } from './sql.js';

/** The conventions with operators, and their places per territory. */
export async function seedContracts(client: pg.ClientBase): Promise<{ conventions: number }> {
  await insertRows(
    client,
    'contracts.convention',
    ['id', 'department_code', 'operator_id', 'programme_id', 'name', 'starts_on', 'ends_on', 'fte', 'places', 'signed_on'],
    ['uuid', 'text', 'uuid', 'uuid', 'text', 'date', 'date', 'numeric', 'int', 'date'],
    conventions.map((c) => [
      idOf.convention(c.key),
      c.departmentCode,
      idOf.partner(c.operator),
      idOf.programme(c.programme),
      c.name,
      c.startsOn,
      c.endsOn,
      c.fte,
      c.places,
      c.signedOn,
    ]),
  );
  await insertRows(
    client,
    'contracts.convention_territory',
    ['department_code', 'convention_id', 'territory_id', 'places'],
    ['text', 'uuid', 'text', 'int'],
    conventions.flatMap((c) => Object.entries(c.territories).map(([t, places]) => [c.departmentCode, idOf.convention(c.key), t, places])),
  );
  return { conventions: conventions.length };
}
