import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '@passerelles/subgraph-kit/identity';
import { SessionStore } from '../auth/sessions.js';
import { UserRepository } from '../auth/users.js';
import { AccessLogService } from './access-log.service.js';
import { AccountService } from './accounts.service.js';

/**
 * The gateway's own administration fields, on the real database the test run starts (its `auth`
 * and `audit` schemas, migrated as in production): accounts of a Département and its access log.
 */
let db: pg.Pool;
let accounts: AccountService;
let sessions: SessionStore;
let territory62: string;
let territory25: string;

const caller = (role: Caller['role'], departmentCode = '62', userId: string = randomUUID()): Caller => ({ userId, role, departmentCode, territoryIds: [], partnerId: null });
const email = (): string => `compte-${randomUUID().slice(0, 8)}@exemple.test`;
const invitationsOf = async (userId: string): Promise<number> => Number((await db.query('select count(*) from auth.invitation where user_id = $1', [userId])).rows[0].count);
const usersWith = async (address: string): Promise<number> => Number((await db.query('select count(*) from auth.app_user where lower(email) = lower($1)', [address])).rows[0].count);
const liveSessions = async (userId: string): Promise<number> => Number((await db.query('select count(*) from auth.session where user_id = $1 and revoked_at is null', [userId])).rows[0].count);

beforeAll(async () => {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests with `npm test`.');
  db = new pg.Pool({ connectionString: url, max: 8 });
  sessions = new SessionStore(db, { idleMinutes: 30, absoluteHours: 12 });
  accounts = new AccountService(db, sessions);
  const territory = async (department: string): Promise<string> => (await db.query<{ id: string }>('select id from ref.territory where department_code = $1 order by id limit 1', [department])).rows[0]!.id;
  territory62 = await territory('62');
  territory25 = await territory('25');
});

afterAll(async () => {
  await db.end();
});

describe('accounts', () => {
  it('invites: the account and its invitation are written together, for administrators only', async () => {
    const address = email();
    const invited = await accounts.invite(caller('ADMIN'), { email: address, displayName: 'Camille Essai', role: 'REFERENT', territoryIds: [territory62] });
    expect(invited).toMatchObject({ ok: true, error: null, user: { email: address, role: 'REFERENT', departmentCode: '62', territoryIds: [territory62] } });
    expect(invited.invitationToken).toMatch(/^[\w-]{40,}$/);
    expect(await invitationsOf(invited.user!.id)).toBe(1);
    await expect(accounts.invite(caller('STEERING'), { email: email(), displayName: 'X', role: 'REFERENT' })).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });

  it('refuses with a code and the field at fault, and writes nothing', async () => {
    const admin = caller('ADMIN');
    const cases: [Record<string, unknown>, { code: string; field: string }][] = [
      [{ email: 'pas-une-adresse', displayName: 'X', role: 'REFERENT' }, { code: 'BAD_USER_INPUT', field: 'input.email' }],
      [{ email: email(), displayName: '', role: 'REFERENT' }, { code: 'BAD_USER_INPUT', field: 'input.displayName' }],
      [{ email: email(), displayName: 'X', role: 'OPERATOR' }, { code: 'PARTNER_REQUIRED', field: 'input.partnerId' }],
      // A territory of another Département is not one of the caller's.
      [{ email: email(), displayName: 'X', role: 'REFERENT', territoryIds: [territory25] }, { code: 'UNKNOWN_TERRITORY', field: 'input.territoryIds' }],
    ];
    for (const [input, expected] of cases) {
      const result = await accounts.invite(admin, input);
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, user: null, invitationToken: null, error: expected });
      expect(result.error!.message.length).toBeGreaterThan(5);
      if (typeof input['email'] === 'string') expect(await usersWith(input['email'])).toBe(0);
    }
  });

  it('gives one account to one address when the same invitation is sent many times at once', async () => {
    const address = email();
    const results = await Promise.all(Array.from({ length: 6 }, () => accounts.invite(caller('ADMIN'), { email: address, displayName: 'Double clic', role: 'STEERING' })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => r.error)).toEqual(Array.from({ length: 5 }, () => ({ code: 'EMAIL_TAKEN', message: 'email is already used by an account', field: 'input.email' })));
    expect(await usersWith(address)).toBe(1);
    expect(await invitationsOf(results.find((r) => r.ok)!.user!.id)).toBe(1);
  });

  it('checks a role change without making it (dry run), then makes it and ends the sessions', async () => {
    const admin = caller('ADMIN');
    const { user } = await accounts.invite(admin, { email: email(), displayName: 'Dominique Essai', role: 'REFERENT' });
    await sessions.create(user!.id);
    expect(await accounts.changeRole(admin, { id: user!.id, role: 'OPERATOR' }, true)).toMatchObject({ ok: false, error: { code: 'PARTNER_REQUIRED', field: 'input.partnerId' } });
    expect(await accounts.changeRole(admin, { id: user!.id, role: 'STEERING' }, true)).toMatchObject({ ok: true, user: { role: 'REFERENT' } });
    expect((await new UserRepository(db).byId(user!.id))!.role).toBe('REFERENT');
    expect(await liveSessions(user!.id)).toBe(1);
    expect(await accounts.changeRole(admin, { id: user!.id, role: 'STEERING' })).toMatchObject({ ok: true, user: { role: 'STEERING' } });
    expect(await liveSessions(user!.id)).toBe(0);
  });

  it('never reaches another Département’s accounts: not found, never changed', async () => {
    const { user } = await accounts.invite(caller('ADMIN', '25'), { email: email(), displayName: 'Autre Département', role: 'REFERENT' });
    const admin62 = caller('ADMIN', '62');
    expect(await accounts.changeRole(admin62, { id: user!.id, role: 'ADMIN' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await accounts.deactivate(admin62, user!.id)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'id' } });
    expect(await accounts.deactivate(admin62, 'pas-un-id')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await accounts.list(admin62)).map((u) => u.id)).not.toContain(user!.id);
    expect(await new UserRepository(db).byId(user!.id)).toMatchObject({ role: 'REFERENT', active: true });
  });

  it('deactivates an account and ends its sessions, but not one’s own', async () => {
    const admin = caller('ADMIN');
    const { user } = await accounts.invite(admin, { email: email(), displayName: 'Fin de mission', role: 'PRESCRIBER' });
    await sessions.create(user!.id);
    expect(await accounts.deactivate(admin, admin.userId)).toMatchObject({ ok: false, error: { code: 'OWN_ACCOUNT' } });
    expect(await accounts.deactivate(admin, user!.id)).toMatchObject({ ok: true, user: { active: false } });
    expect(await liveSessions(user!.id)).toBe(0);
  });
});

describe('access log', () => {
  it('pages the caller’s Département’s log, newest first, filtered by user and record; administrators only', async () => {
    const log = new AccessLogService(db);
    const reader = randomUUID();
    const record = randomUUID();
    // Written as the services write it (the test role may insert; the gateway's may only read).
    for (const department of ['62', '62', '62', '25']) {
      await db.query(`insert into audit.access_log (department_code, user_id, role, operation, record_type, record_ids) values ($1, $2, 'REFERENT', 'READ', 'Beneficiary', $3)`, [department, reader, [record]]);
    }
    const admin = caller('ADMIN');
    const first = await log.page(admin, { first: 2, userId: reader });
    expect(first.nodes).toHaveLength(2);
    expect(first.hasNextPage).toBe(true);
    const second = await log.page(admin, { first: 2, userId: reader, after: first.endCursor });
    expect(second.nodes).toHaveLength(1);
    expect(second.hasNextPage).toBe(false);
    expect(Number(first.nodes[0]!.id)).toBeGreaterThan(Number(first.nodes[1]!.id));
    expect((await log.page(admin, { first: 10, recordId: record })).nodes.every((n) => n.recordIds.includes(record))).toBe(true);
    expect((await log.page(caller('ADMIN', '25'), { first: 10, recordId: record })).nodes).toHaveLength(1);
    await expect(log.page(caller('STEERING'), { first: 10 })).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });
});
