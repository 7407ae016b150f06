import type pg from 'pg';
import { hashToken, randomToken } from './tokens.js';
import type { Queryable, UserRow } from './users.js';

export interface SessionPolicy {
  /** A session unused for this long ends. */
  idleMinutes: number;
  /** A session ends this long after login, used or not. */
  absoluteHours: number;
}

/**
 * Server-side sessions in `auth.session` (no state in the gateway process: any replica can serve
 * any request). The cookie holds a random token; the table holds only its hash.
 */
export class SessionStore {
  constructor(
    private readonly db: pg.Pool,
    private readonly policy: SessionPolicy,
  ) {}

  async create(userId: string): Promise<{ token: string; expiresAt: Date }> {
    const token = randomToken();
    const { rows } = await this.db.query<{ expires_at: Date }>(
      `insert into auth.session (id_hash, user_id, expires_at) values ($1, $2, now() + $3 * interval '1 hour') returning expires_at`,
      [hashToken(token), userId, this.policy.absoluteHours],
    );
    return { token, expiresAt: rows[0]!.expires_at };
  }

  /** The user of a live session (not revoked, not idle, not past its absolute end, account active). */
  async resolve(token: string | null | undefined): Promise<UserRow | null> {
    if (!token || token.length > 200) return null;
    const { rows } = await this.db.query<UserRow & { last_seen_at: Date }>(
      `update auth.session s set last_seen_at = now()
         from auth.app_user u
        where s.id_hash = $1 and u.id = s.user_id and u.active
          and s.revoked_at is null and s.expires_at > now()
          and s.last_seen_at > now() - $2 * interval '1 minute'
        returning u.*`,
      [hashToken(token), this.policy.idleMinutes],
    );
    return rows[0] ?? null;
  }

  async revoke(token: string | null | undefined): Promise<void> {
    if (!token) return;
    await this.db.query('update auth.session set revoked_at = now() where id_hash = $1 and revoked_at is null', [hashToken(token)]);
  }

  /** Ends every session of a user; `db` is the transaction of the change that requires it, when there is one. */
  async revokeAllOf(userId: string, db: Queryable = this.db): Promise<void> {
    await db.query('update auth.session set revoked_at = now() where user_id = $1 and revoked_at is null', [userId]);
  }
}
