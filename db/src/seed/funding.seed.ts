import type pg from 'pg';
import { conventions } from './contracts.catalogue.js';
import { programmes } from './funding.catalogue.js';
import { idOf } from './ids.js';
import { insertRows } from './sql.js';

/** Programmes and the commitments of the demo conventions. */
export async function seedFunding(client: pg.ClientBase): Promise<{ programmes: number }> {
  await insertRows(
    client,
    'funding.programme',
    ['id', 'department_code', 'name', 'description'],
    ['uuid', 'text', 'text', 'text'],
    programmes.map((p) => [idOf.programme(p.key), p.departmentCode, p.name, p.description]),
  );
  await insertRows(
    client,
    'funding.funding_commitment',
    ['id', 'department_code', 'programme_id', 'convention_id', 'amount_cents', 'budget_year'],
    ['uuid', 'text', 'uuid', 'uuid', 'bigint', 'int'],
    conventions.flatMap((c) =>
      Object.entries(c.commitments).map(([year, cents]) => [
        idOf.commitment(c.key, Number(year)),
        c.departmentCode,
        idOf.programme(c.programme),
        idOf.convention(c.key),
        cents,
        Number(year),
      ]),
    ),
  );
  return { programmes: programmes.length };
}
