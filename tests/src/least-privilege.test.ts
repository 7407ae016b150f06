import { stat, mkdtemp, readFile, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { purgeAccessLog, startEmbeddedPostgres, SUPERUSER_PASSWORD_FILE } from '@passerelles/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './support/ports.js';
import { startTestSystem, type TestSystem } from './support/system.js';

/**
 * Least privilege in the database: each service connects with its own role, reaching only its
 * schema and `ref` (the gateway: `auth`); the access log can be appended to, never changed or
 * removed, except by the purge job's role; the embedded superuser's password is the data
 * directory's own, never a published one.
 */
let system: TestSystem;

const as = async <T extends pg.QueryResultRow>(url: string, sql: string): Promise<{ rows: T[] } | { denied: string }> => {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return { rows: (await client.query<T>(sql)).rows };
  } catch (error) {
    return { denied: (error as { code?: string }).code ?? String(error) };
  } finally {
    await client.end().catch(() => undefined);
  }
};
const DENIED = { denied: '42501' };

beforeAll(async () => {
  system = await startTestSystem({ seedDemo: false, withDashboard: false });
  await system.db.query(`insert into audit.access_log (department_code, at, user_id, role, operation, record_type, record_ids)
    values ('62', now() - interval '400 days', 'u-old', 'ADMIN', 'read', 'Beneficiary', '{b1}'), ('62', now(), 'u-new', 'ADMIN', 'read', 'Beneficiary', '{b2}')`);
}, 180_000);
afterAll(async () => {
  await system?.stop();
});

describe('one role per service', () => {
  it('connects every service with a role of its own, none of them the administrator', async () => {
    const users = Object.entries(system.databaseUrls).map(([service, url]) => [service, decodeURIComponent(new URL(url).username)]);
    const database = new URL(system.databaseUrl).pathname.slice(1);
    expect(Object.fromEntries(users)).toEqual({
      beneficiaries: `${database}_beneficiaries`,
      partners: `${database}_partners`,
      contracts: `${database}_contracts`,
      funding: `${database}_funding`,
      gateway: `${database}_gateway`,
    });
    const roles = await system.db.query<{ rolname: string; rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean }>(
      `select rolname, rolsuper, rolcreaterole, rolcreatedb from pg_roles where rolname like $1 || '\\_%' order by rolname`,
      [database],
    );
    expect(roles.rows.every((r) => !r.rolsuper && !r.rolcreaterole && !r.rolcreatedb)).toBe(true);
  });

  it('lets a subgraph read its own schema and ref, and nothing of the others', async () => {
    const { beneficiaries, partners, contracts, funding } = system.databaseUrls;
    expect(await as(beneficiaries, 'select count(*)::int as n from beneficiaries.beneficiary')).toEqual({ rows: [{ n: 0 }] });
    expect(await as(partners, 'select count(*)::int > 0 as any from ref.commune')).toEqual({ rows: [{ any: true }] });
    expect(await as(partners, 'select * from beneficiaries.beneficiary_identity')).toEqual(DENIED);
    expect(await as(partners, 'select * from beneficiaries.accompaniment')).toEqual(DENIED);
    expect(await as(contracts, 'select * from funding.payment')).toEqual(DENIED);
    expect(await as(funding, 'select * from contracts.convention')).toEqual(DENIED);
    expect(await as(beneficiaries, 'select * from auth.app_user')).toEqual(DENIED);
    expect(await as(beneficiaries, 'select * from auth.session')).toEqual(DENIED);
    expect(await as(beneficiaries, 'insert into ref.territory (id) values (\'x\')')).toEqual(DENIED);
    expect(await as(partners, 'create schema intruder')).toEqual(DENIED);
  });

  it('lets the gateway use auth and ref, and no subgraph’s data', async () => {
    const { gateway } = system.databaseUrls;
    expect(await as(gateway, 'select count(*)::int >= 0 as ok from auth.app_user')).toEqual({ rows: [{ ok: true }] });
    expect(await as(gateway, 'select * from beneficiaries.beneficiary_identity')).toEqual(DENIED);
    expect(await as(gateway, 'select * from contracts.engagement_contract')).toEqual(DENIED);
  });
});

describe('the access log', () => {
  it('is appended to by every service and changed or removed by none', async () => {
    for (const [service, url] of Object.entries(system.databaseUrls)) {
      const insert = await as(url, `insert into audit.access_log (department_code, user_id, role, operation, record_type, record_ids) values ('62', 'u-${service}', 'ADMIN', 'read', 'Beneficiary', '{b3}')`);
      expect(insert, service).toEqual({ rows: [] });
      expect(await as(url, `update audit.access_log set user_id = 'forged'`), service).toEqual(DENIED);
      expect(await as(url, `delete from audit.access_log`), service).toEqual(DENIED);
      expect(await as(url, `truncate audit.access_log`), service).toEqual(DENIED);
      expect(await as(url, `drop trigger access_log_append_only on audit.access_log`), service).toEqual(DENIED);
      expect(await as(url, `select set_config('passerelles.audit_retention', 'on', false); delete from audit.access_log`), service).toEqual(DENIED);
    }
    const kept = await system.db.query<{ n: number }>(`select count(*)::int as n from audit.access_log`);
    expect(kept.rows[0]!.n).toBe(2 + Object.keys(system.databaseUrls).length);
  });

  it('loses its lines older than a year through the purge job’s own role only', async () => {
    expect(await purgeAccessLog(system.databaseUrl)).toBe(1);
    const left = await system.db.query<{ user_id: string }>(`select user_id from audit.access_log where user_id in ('u-old', 'u-new')`);
    expect(left.rows).toEqual([{ user_id: 'u-new' }]);
    const purge = await system.db.query<{ rolcanlogin: boolean }>(`select rolcanlogin from pg_roles where rolname = current_database() || '_audit_purge'`);
    expect(purge.rows).toEqual([{ rolcanlogin: false }]);
  });
});

describe('the embedded superuser', () => {
  it('has a password of its data directory, kept beside it (0600), and changes the old published one once', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'passerelles-password-'));
    const port = await freePort();
    try {
      const first = await startEmbeddedPostgres({ dataDir, port, database: 'pw' });
      const file = join(dataDir, SUPERUSER_PASSWORD_FILE);
      const password = (await readFile(file, 'utf8')).trim();
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(password).not.toBe('passerelles');
      expect(password.length).toBeGreaterThanOrEqual(24);
      expect(decodeURIComponent(new URL(first.url).password)).toBe(password);
      const legacy = first.url.replace(encodeURIComponent(password), 'passerelles');
      expect(await as(legacy, 'select 1')).toMatchObject({ denied: '28P01' });

      // A data directory of an earlier version: the old fixed password, no file.
      expect(await as(first.url, `alter role postgres password 'passerelles'`)).toEqual({ rows: [] });
      await unlink(file);
      await first.stop();
      const second = await startEmbeddedPostgres({ dataDir, port, database: 'pw' });
      const changed = (await readFile(file, 'utf8')).trim();
      expect(changed).not.toBe('passerelles');
      expect(await as(second.url, 'select 1 as one')).toEqual({ rows: [{ one: 1 }] });
      expect(await as(legacy, 'select 1')).toMatchObject({ denied: '28P01' });
      await second.stop();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
