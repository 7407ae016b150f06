import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '@passerelles/subgraph-kit/identity';
import { InvitationRepository } from '../auth/invitations.js';
import { SessionStore } from '../auth/sessions.js';
import { UserRepository } from '../auth/users.js';
import { AccountService } from './accounts.service.js';

/**
 * Invitations as administrators handle them, on the real database of the test run: waiting ones
 * in the users list, sent again (the old link stops working), taken back (no link works, the
 * account cannot be used). A link is tried as `/auth/invitations/accept` tries it (`redeem`).
 */
let db: pg.Pool;
let accounts: AccountService;
let invitations: InvitationRepository;

const caller = (role: Caller['role'], departmentCode = '62', userId: string = randomUUID()): Caller => ({ userId, role, departmentCode, territoryIds: [], partnerId: null });
const email = (): string => `invite-${randomUUID().slice(0, 8)}@exemple.test`;
const openLinks = async (userId: string): Promise<number> =>
  Number((await db.query('select count(*) from auth.invitation where user_id = $1 and used_at is null and revoked_at is null', [userId])).rows[0].count);

async function invited(admin: Caller, role: Caller['role'] = 'STEERING'): Promise<{ id: string; token: string }> {
  const result = await accounts.invite(admin, { email: email(), displayName: `Invitée ${randomUUID().slice(0, 4)}`, role });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return { id: result.user!.id, token: result.invitationToken! };
}

beforeAll(() => {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests with `npm test`.');
  db = new pg.Pool({ connectionString: url, max: 8 });
  accounts = new AccountService(db, new SessionStore(db, { idleMinutes: 30, absoluteHours: 12 }));
  invitations = new InvitationRepository(db);
});

afterAll(async () => {
  await db.end();
});

describe('invitations', () => {
  it('lists an invited account as waiting, with when it was sent and when it expires (7 days)', async () => {
    const admin = caller('ADMIN');
    const before = Date.now();
    const { id } = await invited(admin);
    const listed = (await accounts.list(admin)).find((u) => u.id === id)!;
    expect(listed.invitation!.status).toBe('PENDING');
    const sent = Date.parse(listed.invitation!.sentAt);
    expect(sent).toBeGreaterThanOrEqual(before - 5_000);
    expect(Date.parse(listed.invitation!.expiresAt) - sent).toBe(7 * 24 * 3600 * 1000);
    // Accounts never invited (the demo's, or made by hand) have none.
    const other = await new UserRepository(db).create({ departmentCode: '62', email: email(), displayName: 'Sans invitation', role: 'STEERING', territoryIds: [], partnerId: null });
    expect((await accounts.list(admin)).find((u) => u.id === other.id)!.invitation).toBeNull();
  });

  it('sends an invitation again: a new link works, the old one no longer does', async () => {
    const admin = caller('ADMIN');
    const { id, token: first } = await invited(admin);
    const again = await accounts.resendInvitation(admin, id);
    expect(again).toMatchObject({ ok: true, error: null, user: { id, active: true, invitation: { status: 'PENDING' } } });
    expect(again.invitationToken).toMatch(/^[\w-]{40,}$/);
    expect(again.invitationToken).not.toBe(first);
    expect(await openLinks(id)).toBe(1);
    expect(await invitations.redeem(first)).toBeNull();
    expect(await invitations.redeem(again.invitationToken!)).toBe(id);
    // Accepted: nothing left to send again or to take back.
    expect((await accounts.list(admin)).find((u) => u.id === id)!.invitation!.status).toBe('ACCEPTED');
    expect(await accounts.resendInvitation(admin, id)).toMatchObject({ ok: false, invitationToken: null, error: { code: 'NOT_PENDING', field: 'id' } });
    expect(await accounts.revokeInvitation(admin, id)).toMatchObject({ ok: false, error: { code: 'NOT_PENDING', field: 'id' } });
    expect((await new UserRepository(db).byId(id))!.active).toBe(true);
  });

  it('sends an expired invitation again', async () => {
    const admin = caller('ADMIN');
    const { id, token } = await invited(admin);
    await db.query(`update auth.invitation set created_at = now() - interval '8 days', expires_at = now() - interval '1 day' where user_id = $1`, [id]);
    expect((await accounts.list(admin)).find((u) => u.id === id)!.invitation!.status).toBe('EXPIRED');
    expect(await invitations.redeem(token)).toBeNull();
    const again = await accounts.resendInvitation(admin, id);
    expect(again).toMatchObject({ ok: true, user: { invitation: { status: 'PENDING' } } });
    expect(await invitations.redeem(again.invitationToken!)).toBe(id);
  });

  it('takes an invitation back: its link fails and the account cannot be used, nor invited again by resending', async () => {
    const admin = caller('ADMIN');
    const { id, token } = await invited(admin);
    const revoked = await accounts.revokeInvitation(admin, id);
    expect(revoked).toMatchObject({ ok: true, error: null, user: { id, active: false, invitation: { status: 'REVOKED' } } });
    expect(await openLinks(id)).toBe(0);
    expect(await invitations.redeem(token)).toBeNull();
    expect((await new UserRepository(db).byId(id))!.password_hash).toBeNull();
    expect(await accounts.resendInvitation(admin, id)).toMatchObject({ ok: false, error: { code: 'NOT_PENDING' } });
    expect(await accounts.revokeInvitation(admin, id)).toMatchObject({ ok: false, error: { code: 'NOT_PENDING' } });
  });

  it('a deactivated account’s link no longer works', async () => {
    const admin = caller('ADMIN');
    const { id, token } = await invited(admin);
    expect(await accounts.deactivate(admin, id)).toMatchObject({ ok: true });
    expect(await invitations.redeem(token)).toBeNull();
    expect(await accounts.resendInvitation(admin, id)).toMatchObject({ ok: false, error: { code: 'NOT_PENDING' } });
  });

  it('leaves exactly one working link when the invitation is sent again many times at once', async () => {
    const admin = caller('ADMIN');
    const { id } = await invited(admin);
    const results = await Promise.all(Array.from({ length: 5 }, () => accounts.resendInvitation(admin, id)));
    expect(results.filter((r) => !r.ok).map((r) => r.error)).toEqual([]);
    expect(await openLinks(id)).toBe(1);
    const working = [];
    for (const r of results) if (await invitations.redeem(r.invitationToken!)) working.push(r);
    expect(working).toHaveLength(1);
  });

  it('refuses callers who are not administrators, ids that are not ids, and another Département’s accounts', async () => {
    const { id, token } = await invited(caller('ADMIN', '25'));
    const admin62 = caller('ADMIN', '62');
    expect(await accounts.resendInvitation(admin62, id)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'id' } });
    expect(await accounts.revokeInvitation(admin62, id)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'id' } });
    expect(await accounts.revokeInvitation(admin62, 'pas-un-id')).toMatchObject({ ok: false, error: { code: 'BAD_USER_INPUT', field: 'id' } });
    await expect(accounts.resendInvitation(caller('STEERING', '25'), id)).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    await expect(accounts.revokeInvitation(caller('REFERENT', '25'), id)).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    expect(await openLinks(id)).toBe(1);
    expect(await invitations.redeem(token)).toBe(id);
  });
});
