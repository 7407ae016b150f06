import type pg from 'pg';
import { idOf } from './ids.js';
import { partners } from './partners.catalogue.js';
import { insertRows } from './sql.js';

/** The partner structures of the sources. */
export async function seedPartners(client: pg.ClientBase): Promise<{ partners: number }> {
  await insertRows(
    client,
    'partners.partner',
    ['id', 'department_code', 'name', 'kind', 'commune_code'],
    ['uuid', 'text', 'text', 'text', 'text'],
    partners.map((p) => [idOf.partner(p.key), p.departmentCode, p.name, p.kind, p.communeCode]),
  );
  return { partners: partners.length };
}
