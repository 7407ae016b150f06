import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { purgeAccessLog } from './audit-retention.js';
import { readDbEnv } from './env.js';
import { dbOwnedSchemas } from './migrations/index.js';
import { migrateSchema } from './orm.js';
import { provisionServiceRoles, SERVICE_ROLES, serviceRoleName, type ServiceDatabaseUrls } from './roles.js';

/**
 * The services' roles on real PostgreSQL (the test run's cluster, whose user is a superuser): made
 * by a superuser or by a mere CREATEROLE owner of the database, or made beforehand by an operator;
 * what each may reach; and databases of one cluster provisioned at the same time.
 */
const cluster = process.env.TEST_DATABASE_URL!;
const made: { databases: string[]; roles: string[] } = { databases: [], roles: [] };

const urlOf = (database: string, user?: { name: string; password: string }): string => {
  const url = new URL(cluster);
  url.pathname = `/${database}`;
  if (user) {
    url.username = user.name;
    url.password = user.password;
  }
  return url.toString();
};
async function run<T extends pg.QueryResultRow = pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}
/** The SQLSTATE of a refusal (42501: permission denied, 28P01: wrong password), or 'ok'. */
const outcome = (url: string, sql: string): Promise<string> =>
  run(url, sql).then(
    () => 'ok',
    (error: unknown) => (error as { code?: string }).code ?? String(error),
  );

/** A new database of the cluster with `ref`/`auth`/`audit` migrated by `owner` (the superuser when absent). */
async function newDatabase(owner?: { name: string; password: string; createRole: boolean }): Promise<{ name: string; adminUrl: string }> {
  const name = `roles_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  made.databases.push(name);
  if (owner) {
    made.roles.push(owner.name);
    await run(cluster, `create role ${owner.name} login ${owner.createRole ? 'createrole' : ''} password '${owner.password}'`);
  }
  await run(cluster, `create database ${name}${owner ? ` owner ${owner.name}` : ''}`);
  // earthdistance is not a trusted extension: the superuser makes it (README, external PostgreSQL).
  await run(urlOf(name), 'create extension if not exists cube with schema public; create extension if not exists earthdistance with schema public');
  const adminUrl = urlOf(name, owner);
  for (const owned of dbOwnedSchemas) await migrateSchema({ clientUrl: adminUrl, schema: owned.schema, migrations: owned.migrations });
  made.roles.push(...[...SERVICE_ROLES, 'audit_purge' as const].map((s) => serviceRoleName(name, s)));
  return { name, adminUrl };
}

afterAll(async () => {
  for (const database of made.databases) await run(cluster, `drop database if exists ${database} with (force)`).catch(() => undefined);
  for (const role of made.roles) await run(cluster, `drop role if exists ${role}`).catch(() => undefined);
});

/** What every service may and may not do, with the connections it was given. */
async function expectLeastPrivilege(urls: ServiceDatabaseUrls): Promise<void> {
  const { beneficiaries, partners, contracts, funding, gateway } = urls;
  // Each subgraph owns its schema (its migrations make tables there) and reads ref.
  for (const [schema, url] of Object.entries({ beneficiaries, partners, contracts, funding })) {
    expect(await outcome(url, `create table if not exists ${schema}.probe (id int primary key); alter table ${schema}.probe add column if not exists note text`), schema).toBe('ok');
    expect(await outcome(url, 'select * from ref.territory'), schema).toBe('ok');
    expect(await outcome(url, 'insert into ref.department (code, name) values ($$99$$, $$x$$)'), schema).toBe('42501');
    expect(await outcome(url, 'select * from auth.app_user'), schema).toBe('42501');
  }
  expect(await outcome(partners, 'select * from beneficiaries.probe'), 'partners → beneficiaries').toBe('42501');
  expect(await outcome(funding, 'select * from contracts.probe'), 'funding → contracts').toBe('42501');
  expect(await outcome(gateway, 'select * from beneficiaries.probe'), 'gateway → beneficiaries').toBe('42501');
  expect(await outcome(gateway, 'select * from auth.app_user')).toBe('ok');
  expect(await outcome(gateway, 'create table auth.intruder (id int)')).toBe('42501');
  expect(await outcome(partners, 'create schema intruder')).toBe('42501');
  expect(await outcome(partners, 'create table public.intruder (id int)')).toBe('42501');
  // The access log: appended by its writers only, changed by none.
  const line = `insert into audit.access_log (department_code, user_id, role, operation, record_type, record_ids) values ('62', 'u', 'ADMIN', 'READ', 'Beneficiary', '{b}')`;
  for (const url of [beneficiaries, contracts, gateway]) expect(await outcome(url, line)).toBe('ok');
  for (const url of [partners, funding]) expect(await outcome(url, line)).toBe('42501');
  for (const url of Object.values(urls)) {
    expect(await outcome(url, 'update audit.access_log set user_id = $$forged$$')).toBe('42501');
    expect(await outcome(url, 'delete from audit.access_log')).toBe('42501');
    expect(await outcome(url, 'truncate audit.access_log')).toBe('42501');
  }
}

describe('the services’ roles', () => {
  it('are made by an administrator that owns the database and may only create roles, and reach only what they may', async () => {
    const owner = { name: `owner_${randomUUID().replace(/-/g, '').slice(0, 12)}`, password: randomUUID(), createRole: true };
    const { name, adminUrl } = await newDatabase(owner);
    const urls = await provisionServiceRoles(adminUrl);
    expect(Object.fromEntries(Object.entries(urls).map(([s, u]) => [s, new URL(u).username]))).toEqual(
      Object.fromEntries(SERVICE_ROLES.map((s) => [s, `${name}_${s}`])),
    );
    const roles = await run<{ rolname: string; rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean; rolcanlogin: boolean }>(
      cluster,
      `select rolname, rolsuper, rolcreaterole, rolcreatedb, rolcanlogin from pg_roles where rolname like $1 || '\\_%' order by rolname`,
      [name],
    );
    expect(roles.map((r) => [r.rolname, r.rolsuper || r.rolcreaterole || r.rolcreatedb, r.rolcanlogin])).toEqual(
      [...SERVICE_ROLES.map((s) => [`${name}_${s}`, false, true]), [`${name}_audit_purge`, false, false]].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    await expectLeastPrivilege(urls);

    // The purge job takes its role from the administrator's connection.
    await run(adminUrl, `insert into audit.access_log (department_code, at, user_id, role, operation, record_type, record_ids) values ('62', now() - interval '400 days', 'old', 'ADMIN', 'READ', 'Beneficiary', '{o}')`);
    expect(await purgeAccessLog(adminUrl)).toBe(1);
    // …and it is that role, not the administrator owning the table, that deletes.
    await run(urlOf(name), `revoke delete on audit.access_log from ${name}_audit_purge`);
    await expect(purgeAccessLog(adminUrl)).rejects.toMatchObject({ code: '42501' });

    // Again (every start): the same grants, new passwords, the old ones refused.
    const again = await provisionServiceRoles(adminUrl);
    expect(await outcome(urls.partners, 'select 1')).toBe('28P01');
    await expectLeastPrivilege(again);
  });

  it('take over what a superuser made in a subgraph’s schema before there were roles', async () => {
    const { name, adminUrl } = await newDatabase();
    await run(
      adminUrl,
      `create schema beneficiaries;
       create table beneficiaries.person (id bigint generated always as identity primary key, serial_no serial, name text);
       create sequence beneficiaries.numbers;
       create view beneficiaries.people as select id, name from beneficiaries.person;
       create type beneficiaries.status as enum ('open', 'closed');
       create domain beneficiaries.code as text check (value <> '');
       create function beneficiaries.twice(n int) returns int language sql as 'select 2 * n';
       create table beneficiaries.mikro_orm_migrations (id serial primary key, name text)`,
    );
    const urls = await provisionServiceRoles(adminUrl);
    const owner = `${name}_beneficiaries`;
    const owners = await run<{ owner: string }>(
      adminUrl,
      `select distinct pg_get_userbyid(relowner) as owner from pg_class where relnamespace = 'beneficiaries'::regnamespace
       union select distinct pg_get_userbyid(typowner) from pg_type where typnamespace = 'beneficiaries'::regnamespace
       union select distinct pg_get_userbyid(proowner) from pg_proc where pronamespace = 'beneficiaries'::regnamespace
       union select pg_get_userbyid(nspowner) from pg_namespace where nspname = 'beneficiaries'`,
    );
    expect(owners).toEqual([{ owner }]);
    expect(await outcome(urls.beneficiaries, `alter table beneficiaries.person add column status beneficiaries.status; insert into beneficiaries.person (name) values ('x'); select nextval('beneficiaries.numbers'); select beneficiaries.twice(2)`)).toBe('ok');
    expect(await outcome(urls.partners, 'select * from beneficiaries.people')).toBe('42501');
    // Twice in a row changes nothing but the passwords.
    await expectLeastPrivilege(await provisionServiceRoles(adminUrl));
  });

  it('of databases of one cluster provisioned at the same time never change each other’s passwords', async () => {
    const [a, b] = await Promise.all([newDatabase(), newDatabase()]);
    const rounds = await Promise.all([provisionServiceRoles(a!.adminUrl), provisionServiceRoles(b!.adminUrl), provisionServiceRoles(b!.adminUrl)]);
    // Each database's last provisioning holds; one database's never touches the other's roles.
    const [ofA, ofB1, ofB2] = rounds;
    for (const url of Object.values(ofA!)) expect(await outcome(url, 'select 1')).toBe('ok');
    const bWorks = await Promise.all(Object.values(ofB1!).map((url) => outcome(url, 'select 1')));
    const b2Works = await Promise.all(Object.values(ofB2!).map((url) => outcome(url, 'select 1')));
    // Serialised: one of b's two rounds came last, and all its passwords hold.
    expect([bWorks.every((r) => r === 'ok'), b2Works.every((r) => r === 'ok')].filter(Boolean)).toHaveLength(1);
    expect(new URL(ofA!.partners).username).not.toBe(new URL(ofB1!.partners).username);
  });

  it('may be made beforehand by an operator, when the administrator may not create roles', async () => {
    const owner = { name: `owner_${randomUUID().replace(/-/g, '').slice(0, 12)}`, password: randomUUID(), createRole: false };
    const { name, adminUrl } = await newDatabase(owner);
    // The README's statements, as a superuser.
    const passwords = Object.fromEntries(SERVICE_ROLES.map((s) => [s, randomUUID()]));
    for (const service of SERVICE_ROLES) await run(cluster, `create role ${name}_${service} login password '${passwords[service]}'`);
    await run(cluster, `create role ${name}_audit_purge nologin`);
    await run(cluster, `grant ${['beneficiaries', 'partners', 'contracts', 'funding', 'audit_purge'].map((s) => `${name}_${s}`).join(', ')} to ${owner.name}`);
    const given = Object.fromEntries(SERVICE_ROLES.map((s) => [s, urlOf(name, { name: `${name}_${s}`, password: passwords[s]! })])) as ServiceDatabaseUrls;

    await expect(provisionServiceRoles(adminUrl)).rejects.toThrow(/may not create roles: give it CREATEROLE, or make the services' roles yourself and set BENEFICIARIES_DATABASE_URL/);
    const { funding: _funding, ...withoutFunding } = given;
    await expect(provisionServiceRoles(adminUrl, { serviceUrls: withoutFunding })).rejects.toThrow(/FUNDING_DATABASE_URL is not set/);
    await expect(provisionServiceRoles(adminUrl, { serviceUrls: { ...given, gateway: given.partners } })).rejects.toThrow(/name the same role/);
    await expect(provisionServiceRoles(adminUrl, { serviceUrls: { ...given, gateway: cluster.replace(/\/[^/]*$/, `/${name}`) } })).rejects.toThrow(
      /GATEWAY_DATABASE_URL must name the service's own role|has SUPERUSER/,
    );

    expect(await provisionServiceRoles(adminUrl, { serviceUrls: given })).toEqual(given);
    await expectLeastPrivilege(given);
    await run(adminUrl, `insert into audit.access_log (department_code, at, user_id, role, operation, record_type, record_ids) values ('62', now() - interval '400 days', 'old', 'ADMIN', 'READ', 'Beneficiary', '{o}')`);
    expect(await purgeAccessLog(adminUrl)).toBe(1);
  });

  it('are configured by PASSERELLES_PROVISION_ROLES and <SERVICE>_DATABASE_URL', () => {
    expect(readDbEnv({}).roles).toEqual({ provision: 'auto', serviceUrls: {} });
    expect(readDbEnv({ PASSERELLES_PROVISION_ROLES: '0', PARTNERS_DATABASE_URL: 'postgresql://p:x@h/db' }).roles).toEqual({
      provision: false,
      serviceUrls: { partners: 'postgresql://p:x@h/db' },
    });
    expect(readDbEnv({ PASSERELLES_PROVISION_ROLES: '1' }).roles?.provision).toBe(true);
    expect(() => readDbEnv({ GATEWAY_DATABASE_URL: 'mysql://x' })).toThrow(/GATEWAY_DATABASE_URL/);
    expect(() => readDbEnv({ PASSERELLES_PROVISION_ROLES: 'yes' })).toThrow(/PASSERELLES_PROVISION_ROLES/);
  });
});
