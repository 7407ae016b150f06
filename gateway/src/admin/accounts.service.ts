import type pg from 'pg';
import { assertCan, mutationError, Refusal, refusalOf, type MutationError } from '@passerelles/subgraph-kit';
import type { Caller } from '@passerelles/subgraph-kit/identity';
import type { SessionStore } from '../auth/sessions.js';
import { hashToken, randomToken } from '../auth/tokens.js';
import { publicUser, UserRepository, type PublicUser, type Queryable } from '../auth/users.js';
import { changeRoleInput, inviteInput, parseInput } from './admin.input.js';
import { inTransaction } from './transaction.js';

/** How long an invitation link stays valid. */
export const INVITATION_DAYS = 7;

export interface UserResult {
  ok: boolean;
  error: MutationError | null;
  user: PublicUser | null;
}

export interface InvitationResult extends UserResult {
  invitationToken: string | null;
}

/** Two invitations of one address at once: the unique index decides, and the loser is told why. */
const emailTaken = (error: unknown): boolean => {
  const e = error as { code?: string; constraint?: string };
  return e.code === '23505' && (e.constraint === 'app_user_email_global_idx' || e.constraint === 'app_user_email_idx');
};

const refused = (error: unknown): UserResult => {
  const refusal = emailTaken(error) ? mutationError({ code: 'EMAIL_TAKEN', message: 'email is already used by an account', field: 'input.email' }) : refusalOf(error);
  if (!refusal) throw error;
  return { ok: false, error: refusal, user: null };
};

/**
 * The accounts of a Département, for its administrators (the catalogue's `user:manage`). Users
 * live in `auth`, which only the gateway reads and writes; every change that takes more than one
 * statement (an account and its invitation, a role and the end of its sessions) is one transaction.
 */
export class AccountService {
  private readonly users: UserRepository;

  constructor(
    private readonly db: pg.Pool,
    private readonly sessions: SessionStore,
  ) {
    this.users = new UserRepository(db);
  }

  /** The signed-in user, or null when the account is gone or belongs to another Département. */
  async me(caller: Caller): Promise<PublicUser | null> {
    return this.inDepartment(this.users, caller, caller.userId);
  }

  async list(caller: Caller): Promise<PublicUser[]> {
    assertCan(caller, 'user:manage');
    return (await this.users.inDepartment(caller.departmentCode)).map(publicUser);
  }

  /** Creates an account and a one-time invitation to choose a password. */
  async invite(caller: Caller, rawInput: unknown): Promise<InvitationResult> {
    assertCan(caller, 'user:manage');
    try {
      const input = parseInput(inviteInput, rawInput, 'input');
      return await inTransaction(this.db, async (client) => {
        await this.checkScope(client, caller, input);
        const users = new UserRepository(client);
        if (await users.byEmail(input.email)) throw new Refusal('EMAIL_TAKEN', 'email is already used by an account', 'input.email');
        const user = await users.create({
          departmentCode: caller.departmentCode,
          email: input.email,
          displayName: input.displayName,
          role: input.role,
          territoryIds: input.territoryIds ?? [],
          partnerId: input.role === 'OPERATOR' ? input.partnerId! : null,
        });
        const token = randomToken();
        await client.query(`insert into auth.invitation (token_hash, user_id, expires_at) values ($1, $2, now() + $3 * interval '1 day')`, [hashToken(token), user.id, INVITATION_DAYS]);
        return { ok: true, error: null, user: publicUser(user), invitationToken: token };
      });
    } catch (error) {
      return { ...refused(error), invitationToken: null };
    }
  }

  /**
   * Changes a user's role and scope; their sessions end with it. With `dryRun`, checks the change
   * and writes nothing: the dashboard asks for confirmation only of a change that would be made.
   */
  async changeRole(caller: Caller, rawInput: unknown, dryRun = false): Promise<UserResult> {
    assertCan(caller, 'user:manage');
    try {
      const { id, role, territoryIds, partnerId } = parseInput(changeRoleInput, rawInput, 'input');
      return await inTransaction(this.db, async (client) => {
        await this.checkScope(client, caller, { role, territoryIds, partnerId });
        const users = new UserRepository(client);
        const current = await this.inDepartment(users, caller, id);
        if (!current) throw new Refusal('NOT_FOUND', 'user not found', 'input.id');
        if (dryRun) return { ok: true, error: null, user: current };
        const updated = await users.update(id, caller.departmentCode, { role, ...(territoryIds ? { territoryIds } : {}), partnerId: role === 'OPERATOR' ? partnerId! : null });
        await this.sessions.revokeAllOf(id, client);
        return { ok: true, error: null, user: publicUser(updated!) };
      });
    } catch (error) {
      return refused(error);
    }
  }

  /** Deactivates an account: its sessions end at once. Not one's own. */
  async deactivate(caller: Caller, id: string): Promise<UserResult> {
    assertCan(caller, 'user:manage');
    try {
      if (id === caller.userId) throw new Refusal('OWN_ACCOUNT', 'you cannot deactivate your own account', 'id');
      return await inTransaction(this.db, async (client) => {
        const users = new UserRepository(client);
        // An id that is not a UUID names no account: the same answer as another Département's.
        const updated = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? await users.update(id, caller.departmentCode, { active: false }) : null;
        if (!updated) throw new Refusal('NOT_FOUND', 'user not found', 'id');
        await this.sessions.revokeAllOf(id, client);
        return { ok: true, error: null, user: publicUser(updated) };
      });
    } catch (error) {
      return refused(error);
    }
  }

  /** A role's scope: an OPERATOR works for a partner; territories are the Département's own. */
  private async checkScope(db: Queryable, caller: Caller, scope: { role: string; territoryIds?: readonly string[] | null; partnerId?: string | null }): Promise<void> {
    if (scope.role === 'OPERATOR' && !scope.partnerId) throw new Refusal('PARTNER_REQUIRED', 'partnerId is required for an OPERATOR', 'input.partnerId');
    const ids = scope.territoryIds ?? [];
    if (ids.length === 0) return;
    const known = await db.query<{ id: string }>('select id from ref.territory where department_code = $1 and id = any($2::text[])', [caller.departmentCode, ids]);
    const found = new Set(known.rows.map((r) => r.id));
    const unknown = ids.find((t) => !found.has(t));
    if (unknown) throw new Refusal('UNKNOWN_TERRITORY', `territoryIds: « ${unknown.slice(0, 40)} » is not a territory of the Département`, 'input.territoryIds');
  }

  private async inDepartment(users: UserRepository, caller: Caller, id: string): Promise<PublicUser | null> {
    const user = await users.byId(id);
    return user && user.department_code === caller.departmentCode ? publicUser(user) : null;
  }
}
