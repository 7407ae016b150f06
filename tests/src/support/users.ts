import { randomUUID } from 'node:crypto';
import argon2 from 'argon2';
import type pg from 'pg';
import type { Role } from '@passerelles/subgraph-kit/identity';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  role: Role;
  departmentCode: string;
}

/** Creates an account directly in `auth` (as an administrator's invitation would), with a known password. */
export async function createUser(
  db: pg.ClientBase,
  fields: { role: Role; departmentCode: string; territoryIds?: string[]; partnerId?: string | null; active?: boolean },
): Promise<TestUser> {
  const id = randomUUID();
  const email = `${fields.role.toLowerCase()}-${id.slice(0, 8)}@test.passerelles.fr`;
  const password = `mot-de-passe-${randomUUID()}`;
  await db.query(
    `insert into auth.app_user (id, department_code, email, display_name, role, territory_ids, partner_id, password_hash, active)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      id,
      fields.departmentCode,
      email,
      `Test ${fields.role}`,
      fields.role,
      fields.territoryIds ?? [],
      fields.partnerId ?? null,
      await argon2.hash(password, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 }),
      fields.active ?? true,
    ],
  );
  return { id, email, password, role: fields.role, departmentCode: fields.departmentCode };
}
