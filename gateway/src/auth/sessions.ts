import type pg from 'pg';
import { hashToken, randomToken } from './tokens.js';
import type { Queryable, UserRow } from './users.js';

/** Every column of `UserRow` (the type makes the list complete), read from `auth.app_user u`. */
const USER_COLUMNS = Object.keys({
  id: true,
  department_code: true,
  email: true,
  display_name: true,
  role: true,
  territory_ids: true,
  partner_id: true,
  active: true,
  password_hash: true,
  failed_logins: true,
  locked_until: true,
  oidc_issuer: true,
  oidc_subject: true,
  last_login_at: true,
  created_at: true,
  updated_at: true,
} satisfies Record<keyof UserRow, true>)
  .map((column) => `u.${column}`)
  .join(', ');

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

  /**
   * Longest time `last_seen_at` may lag behind the session's last use: a minute, or half the idle
   * period when that is shorter. Writing it on every request cost a write (and its WAL flush) per
   * request; now most requests only read (issue 15, ADR 0024). A session therefore ends between
   * `idleMinutes` minus this lag and `idleMinutes` after its last use, never later.
   */
  get touchIntervalSeconds(): number {
    return Math.min(60, this.policy.idleMinutes * 30);
  }

  /**
   * The user of a live session (not revoked, not idle, not past its absolute end, account active),
   * read from the database on every request — a logout, a deactivation or a role change takes effect
   * at the next request, on every gateway. `last_seen_at` is written only when it is older than
   * `touchIntervalSeconds` (the data-modifying CTE runs once, and writes nothing otherwise).
   *
   * A named statement: each pooled connection plans it once, where planning the CTE on every
   * request cost more than running it (about 0.9–1.1 ms a request against 0.4 ms, measured on
   * `npm start`). It lists the user's columns rather than `u.*`, so that a column added to
   * `auth.app_user` while a gateway runs does not change the prepared statement's result.
   */
  async resolve(token: string | null | undefined): Promise<UserRow | null> {
    if (!token || token.length > 200) return null;
    const { rows } = await this.db.query<UserRow & { session_id_hash?: string; session_last_seen_at?: Date }>({
      name: 'passerelles-session-resolve',
      text: `with live as (
         select ${USER_COLUMNS}, s.id_hash as session_id_hash, s.last_seen_at as session_last_seen_at
           from auth.session s join auth.app_user u on u.id = s.user_id
          where s.id_hash = $1 and u.active
            and s.revoked_at is null and s.expires_at > now()
            and s.last_seen_at > now() - $2 * interval '1 minute'),
       touched as (
         update auth.session s set last_seen_at = now()
           from live
          where s.id_hash = live.session_id_hash and live.session_last_seen_at <= now() - $3 * interval '1 second')
       select * from live`,
      values: [hashToken(token), this.policy.idleMinutes, this.touchIntervalSeconds],
    });
    const row = rows[0];
    if (!row) return null;
    delete row.session_id_hash;
    delete row.session_last_seen_at;
    return row;
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
