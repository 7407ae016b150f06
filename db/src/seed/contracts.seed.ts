import type pg from 'pg';
import { conventionObjectives, conventions } from './contracts.catalogue.js';
import { demoId, idOf } from './ids.js';
import { insertRows } from './sql.js';

/** The conventions with operators, their places per territory and their objectives. */
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
  await insertRows(
    client,
    'contracts.convention_objective',
    ['id', 'department_code', 'convention_id', 'position', 'kind', 'label', 'target'],
    ['uuid', 'text', 'uuid', 'int', 'text', 'text', 'int'],
    conventions.flatMap((c) =>
      conventionObjectives(c).map((o, position) => [demoId(`objective:${c.key}:${position}`), c.departmentCode, idOf.convention(c.key), position, o.kind, o.label, o.target]),
    ),
  );
  return { conventions: conventions.length };
}
