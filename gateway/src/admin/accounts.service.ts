import type pg from 'pg';
import { assertCan, mutationError, Refusal, refusalOf, type MutationError } from '@passerelles/subgraph-kit';
import type { Caller } from '@passerelles/subgraph-kit/identity';
import type { SessionStore } from '../auth/sessions.js';
import { InvitationRepository, type InvitationState } from '../auth/invitations.js';
import { publicUser, UserRepository, type PublicUser, type Queryable } from '../auth/users.js';
import { changeRoleInput, inviteInput, parseInput, userIdInput } from './admin.input.js';
import { inTransaction } from './transaction.js';

export { INVITATION_DAYS } from '../auth/invitations.js';

/** A user as administrators see them: with where their latest invitation stands (null: never invited). */
export interface ManagedUser extends PublicUser {
  invitation: InvitationState | null;
}

export interface UserResult {
  ok: boolean;
  error: MutationError | null;
  user: ManagedUser | PublicUser | null;
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

  /** The Département's accounts, each with its latest invitation (two queries, whatever the number of accounts). */
  async list(caller: Caller): Promise<ManagedUser[]> {
    assertCan(caller, 'user:manage');
    const [users, invitations] = await Promise.all([this.users.inDepartment(caller.departmentCode), new InvitationRepository(this.db).latestInDepartment(caller.departmentCode)]);
    return users.map((u) => ({ ...publicUser(u), invitation: invitations.get(u.id) ?? null }));
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
        const invitations = new InvitationRepository(client);
        const token = await invitations.create(user.id);
        return { ok: true, error: null, user: await this.managed(client, caller, user.id), invitationToken: token };
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

  /**
   * Sends an invitation again: a new link, valid 7 days from now; the links sent before stop
   * working. Only for an account whose invitation is waiting or expired (not accepted, not revoked).
   */
  async resendInvitation(caller: Caller, rawId: unknown): Promise<InvitationResult> {
    assertCan(caller, 'user:manage');
    try {
      const id = parseInput(userIdInput, rawId, 'id');
      return await inTransaction(this.db, async (client) => {
        const invitations = await this.openInvitations(client, caller, id);
        await invitations.revokeOpen(id);
        const token = await invitations.create(id);
        return { ok: true, error: null, user: await this.managed(client, caller, id), invitationToken: token };
      });
    } catch (error) {
      return { ...refused(error), invitationToken: null };
    }
  }

  /**
   * Takes an invitation back: its link stops working and the account is deactivated (no password
   * was ever chosen for it, so nobody can use it). Only for an invitation waiting or expired.
   */
  async revokeInvitation(caller: Caller, rawId: unknown): Promise<UserResult> {
    assertCan(caller, 'user:manage');
    try {
      const id = parseInput(userIdInput, rawId, 'id');
      return await inTransaction(this.db, async (client) => {
        const invitations = await this.openInvitations(client, caller, id);
        await invitations.revokeOpen(id);
        await new UserRepository(client).update(id, caller.departmentCode, { active: false });
        await this.sessions.revokeAllOf(id, client);
        return { ok: true, error: null, user: await this.managed(client, caller, id) };
      });
    } catch (error) {
      return refused(error);
    }
  }

  /** The account's invitations, locked for the transaction, when its latest one may still be accepted. */
  private async openInvitations(client: pg.PoolClient, caller: Caller, id: string): Promise<InvitationRepository> {
    // The account first: a second resend waits here, then reads the invitation the first one wrote.
    const user = await new UserRepository(client).lockById(id);
    if (!user || user.department_code !== caller.departmentCode) throw new Refusal('NOT_FOUND', 'user not found', 'id');
    const invitations = new InvitationRepository(client);
    const status = await invitations.lockLatest(id);
    if (!user.active || (status !== 'PENDING' && status !== 'EXPIRED')) {
      throw new Refusal('NOT_PENDING', 'the account has no invitation waiting: never invited, already accepted, revoked or deactivated', 'id');
    }
    return invitations;
  }

  /** One account as administrators see it, read inside the transaction that changed it. */
  private async managed(client: pg.PoolClient, caller: Caller, id: string): Promise<ManagedUser> {
    const user = await new UserRepository(client).byId(id);
    const invitation = (await new InvitationRepository(client).latestInDepartment(caller.departmentCode, id)).get(id) ?? null;
    return { ...publicUser(user!), invitation };
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
