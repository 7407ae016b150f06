import type pg from 'pg';
import { verifyPassword } from './passwords.js';
import type { SessionStore } from './sessions.js';
import { UserRepository, type UserRow } from './users.js';

export interface LoginPolicy {
  /** Failed logins in a row that lock an account… */
  maxFailures: number;
  /** …for this long. */
  lockMinutes: number;
  /** Failed attempts allowed per client (address) per window: successes do not count, so an office behind one address is not locked out by its own logins. */
  attemptsPerWindow: number;
  windowMinutes: number;
}

export type LoginResult =
  | { ok: true; token: string; expiresAt: Date; user: UserRow }
  | { ok: false; reason: 'invalid' | 'throttled' };

/**
 * Password login. Unknown e-mail, wrong password, locked or deactivated account all give the same
 * answer in about the same time, so the answer never tells whether an account exists.
 */
export class LoginService {
  private readonly users: UserRepository;

  constructor(
    private readonly db: pg.Pool,
    private readonly sessions: SessionStore,
    private readonly policy: LoginPolicy,
  ) {
    this.users = new UserRepository(db);
  }

  async login(email: string, password: string, clientKey: string, previousToken: string | null): Promise<LoginResult> {
    const recent = await this.db.query<{ n: number }>(
      `select count(*)::int as n from auth.login_attempt where client_key = $1 and not succeeded and at > now() - $2 * interval '1 minute'`,
      [clientKey, this.policy.windowMinutes],
    );
    if ((recent.rows[0]?.n ?? 0) >= this.policy.attemptsPerWindow) return { ok: false, reason: 'throttled' };

    const user = await this.users.byEmail(email);
    const usable = user !== null && user.active && (user.locked_until === null || user.locked_until < new Date());
    const passwordOk = await verifyPassword(usable ? user.password_hash : null, password);
    const ok = usable && passwordOk;
    await this.db.query('insert into auth.login_attempt (client_key, succeeded) values ($1, $2)', [clientKey, ok]);
    if (!ok) {
      if (user && user.active) await this.users.recordFailure(user.id, this.policy.maxFailures, this.policy.lockMinutes);
      return { ok: false, reason: 'invalid' };
    }
    await this.users.recordSuccess(user.id);
    // Rotation: a login never keeps the session the browser came with.
    await this.sessions.revoke(previousToken);
    const session = await this.sessions.create(user.id);
    return { ok: true, token: session.token, expiresAt: session.expiresAt, user };
  }
}
