import { hashToken, randomToken } from './tokens.js';
import type { Queryable } from './users.js';

/** How long an invitation link stays valid. */
export const INVITATION_DAYS = 7;

/**
 * Where an account's latest invitation stands: waiting to be accepted, past its expiry, taken back
 * by an administrator, or accepted (the person chose a password).
 */
export type InvitationStatus = 'PENDING' | 'EXPIRED' | 'REVOKED' | 'ACCEPTED';

export interface InvitationState {
  status: InvitationStatus;
  sentAt: string;
  expiresAt: string;
}

const STATUS = `case when i.used_at is not null then 'ACCEPTED' when i.revoked_at is not null then 'REVOKED'
  when i.expires_at <= now() then 'EXPIRED' else 'PENDING' end`;

/**
 * Named queries on `auth.invitation`. Only the hash of a link's token is stored; a link works
 * once, before its expiry, unless it was revoked (by a newer invitation or by an administrator),
 * and only for an active account.
 */
export class InvitationRepository {
  constructor(private readonly db: Queryable) {}

  /** A new invitation for the account; returns the token of its link (never stored). */
  async create(userId: string): Promise<string> {
    const token = randomToken();
    // clock_timestamp(), not now(): now() is the transaction's start, and a resend that waited on the
    // account's lock started before the one it waited for — its link would sort as the older one.
    await this.db.query(`insert into auth.invitation (token_hash, user_id, created_at, expires_at) values ($1, $2, clock_timestamp(), clock_timestamp() + $3 * interval '1 day')`, [
      hashToken(token),
      userId,
      INVITATION_DAYS,
    ]);
    return token;
  }

  /** Revokes every invitation of the account not accepted yet; returns how many were open. */
  async revokeOpen(userId: string): Promise<number> {
    const { rowCount } = await this.db.query('update auth.invitation set revoked_at = clock_timestamp() where user_id = $1 and used_at is null and revoked_at is null', [userId]);
    return rowCount ?? 0;
  }

  /** Marks the link used and returns its account, or null when it is unknown, used, expired, revoked, or its account inactive. */
  async redeem(token: string): Promise<string | null> {
    const { rows } = await this.db.query<{ user_id: string }>(
      `update auth.invitation i set used_at = now()
        where i.token_hash = $1 and i.used_at is null and i.revoked_at is null and i.expires_at > now()
          and exists (select 1 from auth.app_user u where u.id = i.user_id and u.active)
        returning i.user_id`,
      [hashToken(token)],
    );
    return rows[0]?.user_id ?? null;
  }

  /**
   * Locks the account's invitations until the end of the transaction (an acceptance at the same
   * moment waits, then finds its link revoked) and says where the latest one stands.
   */
  async lockLatest(userId: string): Promise<InvitationStatus | null> {
    const { rows } = await this.db.query<{ status: InvitationStatus }>(
      `select ${STATUS} as status from auth.invitation i where i.user_id = $1 order by i.created_at desc, i.expires_at desc for update`,
      [userId],
    );
    return rows[0]?.status ?? null;
  }

  /** The latest invitation of each account of a Département that has one (or of one account of it), in one query. */
  async latestInDepartment(departmentCode: string, userId: string | null = null): Promise<Map<string, InvitationState>> {
    const { rows } = await this.db.query<{ user_id: string; status: InvitationStatus; created_at: Date; expires_at: Date }>(
      `select distinct on (i.user_id) i.user_id, i.created_at, i.expires_at,
              ${STATUS} as status
         from auth.invitation i join auth.app_user u on u.id = i.user_id
        where u.department_code = $1 and ($2::uuid is null or i.user_id = $2)
        order by i.user_id, i.created_at desc, i.expires_at desc`,
      [departmentCode, userId],
    );
    return new Map(rows.map((r) => [r.user_id, { status: r.status, sentAt: r.created_at.toISOString(), expiresAt: r.expires_at.toISOString() }]));
  }
}
