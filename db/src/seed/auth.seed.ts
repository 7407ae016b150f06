import argon2 from 'argon2';
import type pg from 'pg';
import { DEMO_PASSWORD, demoUsers } from './auth.catalogue.js';
import { idOf } from './ids.js';

/** The demo accounts (argon2id hashes, same parameters as the gateway's). */
export async function seedAuth(client: pg.ClientBase): Promise<{ users: number }> {
  const hash = await argon2.hash(DEMO_PASSWORD, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  for (const u of demoUsers) {
    await client.query(
      `insert into auth.app_user (id, department_code, email, display_name, role, territory_ids, partner_id, password_hash)
       values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [idOf.user(u.email), u.departmentCode, u.email, u.displayName, u.role, u.territoryIds, u.partner ? idOf.partner(u.partner) : null, hash],
    );
  }
  return { users: demoUsers.length };
}
