import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { ACCESS_LOG_WRITERS, DEMO_PASSWORD, purgeAccessLog, repoRoot, startEmbeddedPostgres, SUBGRAPH_SCHEMAS, SUPERUSER_PASSWORD_FILE } from '@passerelles/db';
import { startSystem } from '@passerelles/gateway/system';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, freeSystemPorts } from './support/ports.js';
import { gatewayQuery, login, startTestSystem, type TestSystem } from './support/system.js';

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
  it('is appended to by the services that write it, and changed or removed by none', async () => {
    for (const [service, url] of Object.entries(system.databaseUrls)) {
      const insert = await as(url, `insert into audit.access_log (department_code, user_id, role, operation, record_type, record_ids) values ('62', 'u-${service}', 'ADMIN', 'read', 'Beneficiary', '{b3}')`);
      expect(insert, service).toEqual((ACCESS_LOG_WRITERS as string[]).includes(service) ? { rows: [] } : DENIED);
      expect(await as(url, `update audit.access_log set user_id = 'forged'`), service).toEqual(DENIED);
      expect(await as(url, `delete from audit.access_log`), service).toEqual(DENIED);
      expect(await as(url, `truncate audit.access_log`), service).toEqual(DENIED);
      expect(await as(url, `drop trigger access_log_append_only on audit.access_log`), service).toEqual(DENIED);
      expect(await as(url, `select set_config('passerelles.audit_retention', 'on', false); delete from audit.access_log`), service).toEqual(DENIED);
    }
    const kept = await system.db.query<{ n: number }>(`select count(*)::int as n from audit.access_log`);
    expect(kept.rows[0]!.n).toBe(2 + ACCESS_LOG_WRITERS.length);
    expect(await as(system.databaseUrls.gateway, `select count(*)::int as n from audit.access_log`)).toEqual({ rows: [{ n: 2 + ACCESS_LOG_WRITERS.length }] });
    expect(await as(system.databaseUrls.beneficiaries, `select * from audit.access_log`)).toEqual(DENIED);
  });

  it('may be appended to by every subgraph that records accesses (the kit’s recordAccess)', async () => {
    const writers: string[] = [];
    const walk = async (dir: string): Promise<boolean> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory() ? await walk(path) : entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && /\brecordAccess\(/.test(await readFile(path, 'utf8'))) return true;
      }
      return false;
    };
    for (const subgraph of SUBGRAPH_SCHEMAS) if (await walk(resolve(repoRoot, 'subgraphs', subgraph, 'src'))) writers.push(subgraph);
    expect(writers.length).toBeGreaterThan(0);
    expect(ACCESS_LOG_WRITERS).toEqual(expect.arrayContaining(writers));
  });

  it('loses its lines older than a year through the purge job’s own role only', async () => {
    expect(await purgeAccessLog(system.databaseUrl)).toBe(1);
    const left = await system.db.query<{ user_id: string }>(`select user_id from audit.access_log where user_id in ('u-old', 'u-new')`);
    expect(left.rows).toEqual([{ user_id: 'u-new' }]);
    const purge = await system.db.query<{ rolcanlogin: boolean }>(`select rolcanlogin from pg_roles where rolname = current_database() || '_audit_purge'`);
    expect(purge.rows).toEqual([{ rolcanlogin: false }]);
  });
});

describe('an external PostgreSQL', () => {
  it('runs the whole system, demo seed included, with an administrator that only owns its database and may create roles', async () => {
    // The README's statements (Running against an external PostgreSQL), as the cluster's superuser.
    const name = `ext_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const password = randomUUID();
    await system.db.query(`create role ${name}_admin login createrole password '${password}'`);
    await system.db.query(`create database ${name} owner ${name}_admin`);
    const superuser = new URL(system.databaseUrl);
    superuser.pathname = `/${name}`;
    expect(await as(superuser.toString(), 'create extension if not exists cube with schema public; create extension if not exists earthdistance with schema public')).not.toHaveProperty('denied');

    const adminUrl = new URL(superuser);
    adminUrl.username = `${name}_admin`;
    adminUrl.password = password;
    const logs: string[] = [];
    const external = await startSystem({
      db: { databaseUrl: adminUrl.toString(), dataDir: '', embeddedPort: 0, debug: false, roles: { provision: 'auto' } },
      ports: await freeSystemPorts(),
      keys: null,
      seedDemo: true,
      nodeEnv: 'test',
      withDashboard: false,
      log: (line) => logs.push(line),
    }).catch((error: unknown) => {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n${logs.join('\n')}`);
    });
    try {
      expect(external.seed?.seeded).toBe(true);
      expect(new URL(external.databaseUrls.beneficiaries).username).toBe(`${name}_beneficiaries`);
      const token = await login(external, 'admin.62@demo.passerelles.fr', DEMO_PASSWORD);
      const answer = await gatewayQuery<{ territories: { activeBeneficiaries: number }[]; accessLog: { nodes: unknown[] } }>(
        external,
        token,
        '{ territories { activeBeneficiaries } accessLog(first: 1) { nodes { operation } } }',
      );
      expect(answer.errors).toEqual([]);
      expect(answer.data!.territories.reduce((n, t) => n + t.activeBeneficiaries, 0)).toBeGreaterThan(0);
      expect(await as(external.databaseUrls.partners, 'select * from beneficiaries.beneficiary_identity')).toEqual(DENIED);
    } finally {
      await external.stop();
    }
  }, 240_000);
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

      // Stopped after changing the password, before keeping it: the new one is found beside the data.
      const third = await startEmbeddedPostgres({ dataDir, port, database: 'pw' });
      expect(await as(third.url, `alter role postgres password 'changed-before-a-crash'`)).toEqual({ rows: [] });
      await writeFile(`${file}.next`, 'changed-before-a-crash\n', { mode: 0o600 });
      await third.stop();
      const fourth = await startEmbeddedPostgres({ dataDir, port, database: 'pw' });
      expect((await readFile(file, 'utf8')).trim()).toBe('changed-before-a-crash');
      expect(existsSync(`${file}.next`)).toBe(false);
      expect(await as(fourth.url, 'select 1 as one')).toEqual({ rows: [{ one: 1 }] });
      await fourth.stop();

      // A lost password file is said so, not guessed.
      await unlink(file);
      await expect(startEmbeddedPostgres({ dataDir, port, database: 'pw' })).rejects.toThrow(/refuses its superuser's password: .*superuser\.password is missing or wrong/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
