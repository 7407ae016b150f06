import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionStore } from './sessions.js';
import { hashToken } from './tokens.js';
import { UserRepository, type UserRow } from './users.js';

/**
 * Sessions on the test run's database: `last_seen_at` is written at most once a minute (not on every
 * request), while revocation, deactivation and the idle end still take effect at the next request.
 */
let db: pg.Pool;
let sessions: SessionStore;
let users: UserRepository;

beforeAll(() => {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests with `npm test`.');
  db = new pg.Pool({ connectionString: url, max: 4 });
  sessions = new SessionStore(db, { idleMinutes: 30, absoluteHours: 12 });
  users = new UserRepository(db);
});

afterAll(async () => {
  await db.end();
});

const newUser = (): Promise<UserRow> =>
  users.create({ departmentCode: '62', email: `session-${randomUUID().slice(0, 8)}@exemple.test`, displayName: 'Session Essai', role: 'REFERENT', territoryIds: [], partnerId: null });
const lastSeen = async (token: string): Promise<Date> =>
  (await db.query<{ last_seen_at: Date }>('select last_seen_at from auth.session where id_hash = $1', [hashToken(token)])).rows[0]!.last_seen_at;
const seenAgo = (token: string, interval: string): Promise<unknown> =>
  db.query(`update auth.session set last_seen_at = now() - $2::interval where id_hash = $1`, [hashToken(token), interval]);

describe('sessions', () => {
  it('resolve the same user as before, without the session’s own columns', async () => {
    const user = await newUser();
    const { token } = await sessions.create(user.id);
    const resolved = await sessions.resolve(token);
    expect(resolved).toEqual(user);
    expect(await sessions.resolve('not-a-session')).toBeNull();
    expect(await sessions.resolve(undefined)).toBeNull();
  });

  it('keep resolving on a connection that prepared the statement when a column is added to the users (a migration while a gateway runs)', async () => {
    const user = await newUser();
    const { token } = await sessions.create(user.id);
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
    // One connection, so that the second call runs the statement the first one prepared.
    const store = new SessionStore(client as unknown as pg.Pool, { idleMinutes: 30, absoluteHours: 12 });
    try {
      expect(await store.resolve(token)).toEqual(user);
      // In a transaction rolled back: the other test files never see the column.
      await client.query('begin');
      await client.query('alter table auth.app_user add column session_probe text');
      expect(await store.resolve(token)).toEqual(user);
    } finally {
      await client.query('rollback');
      await client.end();
    }
  });

  it('write last_seen_at at most once a minute', async () => {
    expect(sessions.touchIntervalSeconds).toBe(60);
    const { token } = await sessions.create((await newUser()).id);
    await seenAgo(token, '20 seconds');
    const before = await lastSeen(token);
    for (let i = 0; i < 5; i++) expect(await sessions.resolve(token)).not.toBeNull();
    // Used five times within the minute: the row is left as it was.
    expect(await lastSeen(token)).toEqual(before);
    // Last written more than a minute ago: the next use writes it.
    await seenAgo(token, '61 seconds');
    const stale = await lastSeen(token);
    expect(await sessions.resolve(token)).not.toBeNull();
    const touched = await lastSeen(token);
    expect(touched.getTime()).toBeGreaterThan(stale.getTime() + 60_000);
    expect(await sessions.resolve(token)).not.toBeNull();
    expect(await lastSeen(token)).toEqual(touched);
  });

  it('still end at once on logout and deactivation, and after the idle period', async () => {
    const user = await newUser();
    const loggedOut = (await sessions.create(user.id)).token;
    const deactivated = (await sessions.create(user.id)).token;
    const idle = (await sessions.create(user.id)).token;
    for (const token of [loggedOut, deactivated, idle]) expect(await sessions.resolve(token)).not.toBeNull();

    await sessions.revoke(loggedOut);
    expect(await sessions.resolve(loggedOut)).toBeNull();
    await seenAgo(idle, '31 minutes');
    expect(await sessions.resolve(idle)).toBeNull();
    expect(await sessions.resolve(deactivated)).not.toBeNull();
    await users.update(user.id, '62', { active: false });
    expect(await sessions.resolve(deactivated)).toBeNull();
  });

  it('refresh twice a minute when the idle period is a minute', () => {
    expect(new SessionStore(db, { idleMinutes: 1, absoluteHours: 12 }).touchIntervalSeconds).toBe(30);
  });
});
