import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The services that connect to PostgreSQL, each with a login role of its own. */
export const SUBGRAPH_SCHEMAS = ['beneficiaries', 'partners', 'contracts', 'funding'] as const;
export type SubgraphSchema = (typeof SUBGRAPH_SCHEMAS)[number];
export type ServiceRole = SubgraphSchema | 'gateway';
export const SERVICE_ROLES: readonly ServiceRole[] = [...SUBGRAPH_SCHEMAS, 'gateway'];

/**
 * The services that append to `audit.access_log`: the subgraphs that call the kit's
 * `recordAccess` (a test fails when another starts to), and the gateway. Only they may INSERT.
 */
export const ACCESS_LOG_WRITERS: readonly ServiceRole[] = ['beneficiaries', 'contracts', 'gateway'];

/** One connection string per service, each with its own role. */
export type ServiceDatabaseUrls = Record<ServiceRole, string>;

/** How the services' roles come to be (`PASSERELLES_PROVISION_ROLES` and `<SERVICE>_DATABASE_URL`, see env.ts). */
export interface RoleSettings {
  /**
   * `true`: make (or update) the roles, with new passwords; `false`: the operator made them, and
   * `serviceUrls` holds each service's connection; `'auto'` (default): `false` when any
   * `serviceUrls` is given, otherwise `true` when the administrator may create roles.
   */
  provision?: 'auto' | boolean;
  serviceUrls?: Partial<Record<ServiceRole, string>>;
}

/** The variable holding a service's own connection when the operator made the roles. */
export const serviceUrlVariable = (service: ServiceRole): string => `${service.toUpperCase()}_DATABASE_URL`;

/**
 * The name of a service's role in a database: roles are cluster-wide in PostgreSQL, so the
 * database's name comes first (two databases of one cluster — the test runs' — never share one).
 */
export function serviceRoleName(database: string, service: ServiceRole | 'audit_purge'): string {
  const name = `${database}_${service}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  if (name.length > 63) throw new Error(`The role name ${name} is longer than PostgreSQL's 63 characters: use a shorter database name.`);
  return name;
}

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const literal = (value: string): string => `'${value.replace(/'/g, "''")}'`;
const SEE_README = 'see "Running against an external PostgreSQL" in the README';

interface Administrator {
  database: string;
  user: string;
  superuser: boolean;
  createRole: boolean;
  /** server_version_num: 160000 and later split role membership into INHERIT and SET. */
  version: number;
}

interface RoleRow {
  rolname: string;
  rolsuper: boolean;
  rolcreaterole: boolean;
  rolcreatedb: boolean;
  rolbypassrls: boolean;
  rolreplication: boolean;
  rolcanlogin: boolean;
}
const elevated = (r: RoleRow): boolean => r.rolsuper || r.rolcreaterole || r.rolcreatedb || r.rolbypassrls || r.rolreplication;

/**
 * Least privilege: gives each subgraph and the gateway a login role of its own and grants each
 * exactly what it uses —
 * - a subgraph owns its schema (it runs its own migrations there; tables an earlier version or an
 *   administrator made there are handed over) and reads `ref`; beneficiaries and contracts may
 *   append to `audit.access_log`, never change or remove a line;
 * - the gateway reads and writes `auth`, reads `ref`, reads and appends to `audit.access_log`;
 * - `<db>_audit_purge` (no login: the purge job takes it with SET ROLE) may delete lines of the
 *   access log, and nothing else.
 * Nobody but the administrator running this (the owner of the database, `adminUrl`) reaches
 * another schema; `public` has no right on ours.
 *
 * The roles are made here (`<db>_beneficiaries`…, new random passwords at every call: they live
 * only in the environment of the processes the launcher starts) when the administrator may create
 * roles, or were made by the operator, whose `serviceUrls` are then checked and returned (see
 * `RoleSettings`). Idempotent, serialised per database by an advisory lock; run after
 * `prepareDatabase`, whose `ref`/`auth`/`audit` it grants.
 */
export async function provisionServiceRoles(adminUrl: string, settings: RoleSettings = {}): Promise<ServiceDatabaseUrls> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const admin = (
      await client.query<Administrator>(
        `select current_database() as database, current_user as "user", r.rolsuper as superuser, r.rolcreaterole as "createRole",
                current_setting('server_version_num')::int as version
           from pg_roles r where r.rolname = current_user`,
      )
    ).rows[0]!;
    const given = settings.serviceUrls ?? {};
    const provision = settings.provision ?? 'auto';
    const make = provision === 'auto' ? !SERVICE_ROLES.some((s) => given[s]) : provision;
    if (make && !admin.superuser && !admin.createRole) {
      throw new Error(
        `the DATABASE_URL user ${admin.user} may not create roles: give it CREATEROLE, or make the services' roles yourself and set ` +
          `${SERVICE_ROLES.map(serviceUrlVariable).join(', ')} (${SEE_README}).`,
      );
    }

    await client.query('begin');
    await client.query(`select pg_advisory_xact_lock(hashtext('passerelles.roles'))`);
    const urls = make ? await makeRoles(client, admin, adminUrl) : await checkGivenRoles(client, admin, given);
    const names = Object.fromEntries(SERVICE_ROLES.map((s) => [s, decodeURIComponent(new URL(urls[s]).username)])) as Record<ServiceRole, string>;
    const purge = serviceRoleName(admin.database, 'audit_purge');
    if (make && !(await client.query('select 1 from pg_roles where rolname = $1', [purge])).rowCount) await client.query(`create role ${ident(purge)} nologin`);
    if (!(await client.query('select 1 from pg_roles where rolname = $1', [purge])).rowCount) {
      throw new Error(`the role ${purge} (the access-log purge job's) does not exist: create it (${SEE_README}).`);
    }
    // A non-superuser administrator acts as the subgraphs (ownership of their schemas, the demo
    // seed) and as the purge job (SET ROLE): it must be a member of their roles.
    if (!admin.superuser) for (const name of [...SUBGRAPH_SCHEMAS.map((s) => names[s]), purge]) await joinRole(client, admin, name);
    await grant(client, admin, names, purge);
    await client.query('commit');
    return urls;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw new Error(`Could not set up the services' database roles: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  } finally {
    await client.end();
  }
}

/** Makes (or updates) `<db>_<service>` for every service with a new random password; returns their connections. */
async function makeRoles(client: pg.Client, admin: Administrator, adminUrl: string): Promise<ServiceDatabaseUrls> {
  const urls = {} as ServiceDatabaseUrls;
  for (const service of SERVICE_ROLES) {
    const name = serviceRoleName(admin.database, service);
    const password = randomBytes(24).toString('base64url');
    const existing = (await client.query<RoleRow>('select * from pg_roles where rolname = $1', [name])).rows[0];
    if (!existing) {
      await client.query(`create role ${ident(name)} login noinherit password ${literal(password)}`);
    } else {
      // Only a superuser may name SUPERUSER or CREATEDB in ALTER ROLE: do so only to take them away.
      await client.query(`alter role ${ident(name)} login password ${literal(password)}`);
      if (elevated(existing)) await client.query(`alter role ${ident(name)} nosuperuser nocreatedb nocreaterole nobypassrls noreplication`);
    }
    await client.query(`grant connect on database ${ident(admin.database)} to ${ident(name)}`);
    const url = new URL(adminUrl);
    url.username = name;
    url.password = password;
    urls[service] = url.toString();
  }
  return urls;
}

/** The operator made the roles: checks that each service has a distinct, unprivileged login role of this database. */
async function checkGivenRoles(client: pg.Client, admin: Administrator, given: Partial<Record<ServiceRole, string>>): Promise<ServiceDatabaseUrls> {
  const missing = SERVICE_ROLES.filter((s) => !given[s]).map(serviceUrlVariable);
  if (missing.length > 0) throw new Error(`the services' roles are made by the operator (PASSERELLES_PROVISION_ROLES=0), but ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not set (${SEE_README}).`);
  const seen = new Map<string, ServiceRole>();
  for (const service of SERVICE_ROLES) {
    const url = new URL(given[service]!);
    const name = decodeURIComponent(url.username);
    const variable = serviceUrlVariable(service);
    if (decodeURIComponent(url.pathname.slice(1)) !== admin.database) throw new Error(`${variable} names the database ${url.pathname.slice(1)}, not ${admin.database}.`);
    if (!name || name === admin.user) throw new Error(`${variable} must name the service's own role, not the administrator ${admin.user}.`);
    if (seen.has(name)) throw new Error(`${variable} and ${serviceUrlVariable(seen.get(name)!)} name the same role ${name}: each service needs its own.`);
    seen.set(name, service);
    const role = (await client.query<RoleRow>('select * from pg_roles where rolname = $1', [name])).rows[0];
    if (!role) throw new Error(`the role ${name} of ${variable} does not exist.`);
    if (!role.rolcanlogin) throw new Error(`the role ${name} of ${variable} cannot log in.`);
    if (elevated(role)) throw new Error(`the role ${name} of ${variable} has SUPERUSER, CREATEROLE, CREATEDB, BYPASSRLS or REPLICATION: a service's role must have none.`);
    await client.query(`grant connect on database ${ident(admin.database)} to ${ident(name)}`);
  }
  return Object.fromEntries(SERVICE_ROLES.map((s) => [s, given[s]!])) as ServiceDatabaseUrls;
}

/** Makes the administrator a member of `role` (SET and INHERIT), as a CREATEROLE user may for the roles it made. */
async function joinRole(client: pg.Client, admin: Administrator, role: string): Promise<void> {
  const can = (
    await client.query<{ set: boolean; inherit: boolean }>(`select pg_has_role(current_user, $1, $2) as set, pg_has_role(current_user, $1, 'USAGE') as inherit`, [
      role,
      admin.version >= 160000 ? 'SET' : 'MEMBER',
    ])
  ).rows[0]!;
  if (can.set && can.inherit) return;
  await client.query(`grant ${ident(role)} to current_user${admin.version >= 160000 ? ' with inherit true, set true' : ''}`).catch((error: unknown) => {
    throw new Error(`the administrator ${admin.user} is not a member of ${role} and may not make itself one (grant ${role} to ${admin.user}; ${SEE_README}): ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  });
}

/** The privileges themselves, from scratch every time (what an earlier version granted is taken back first). */
async function grant(client: pg.Client, admin: Administrator, names: Record<ServiceRole, string>, purge: string): Promise<void> {
  const role = (service: ServiceRole): string => ident(names[service]);
  const everyone = SERVICE_ROLES.map(role).join(', ');
  const writers = ACCESS_LOG_WRITERS.map(role).join(', ');

  // Each subgraph owns its schema and everything in it, including what an administrator or an
  // earlier version (one role for all) made there.
  for (const schema of SUBGRAPH_SCHEMAS) {
    await client.query(`create schema if not exists ${ident(schema)} authorization ${role(schema)}`);
    await client.query(`alter schema ${ident(schema)} owner to ${role(schema)}`);
    await client.query(`revoke all on schema ${ident(schema)} from public`);
    await handOver(client, schema, names[schema]);
  }
  // PostgreSQL before 15 lets everyone create in `public`, where the extensions live: not our roles.
  const publicOwned = await client.query(`select 1 from pg_namespace where nspname = 'public' and pg_has_role(current_user, nspowner, 'USAGE')`);
  if (admin.superuser || publicOwned.rowCount) await client.query(`revoke create on schema public from public, ${everyone}`);

  await client.query(`revoke all on schema ref, auth, audit from public, ${everyone}, ${ident(purge)}`);
  await client.query(`revoke all on all tables in schema ref, auth, audit from ${everyone}, ${ident(purge)}`);
  await client.query(`revoke all on all sequences in schema ref, auth, audit from ${everyone}, ${ident(purge)}`);
  await client.query(`grant usage on schema ref to ${everyone}`);
  await client.query(`grant select on all tables in schema ref to ${everyone}`);
  await client.query(`grant usage on schema auth to ${role('gateway')}`);
  await client.query(`grant select, insert, update, delete on all tables in schema auth to ${role('gateway')}`);
  await client.query(`grant usage, select on all sequences in schema auth to ${role('gateway')}`);
  // The access log: appended by its writers (its id is an identity column: no sequence right
  // needed), read by the gateway (the administrators' page), deleted only by the purge.
  await client.query(`grant usage on schema audit to ${writers}, ${ident(purge)}`);
  await client.query(`grant insert on audit.access_log to ${writers}`);
  await client.query(`grant select on audit.access_log to ${role('gateway')}`);
  await client.query(`grant select, delete on audit.access_log to ${ident(purge)}`);
}

/** Gives `owner` every table, view, sequence, function and type of `schema` that another role owns. */
async function handOver(client: pg.Client, schema: string, owner: string): Promise<void> {
  const relations = await client.query<{ kind: string; name: string }>(
    `select c.relkind as kind, c.relname as name from pg_class c
      where c.relnamespace = $1::regnamespace and c.relowner <> $2::regrole and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
        -- sequences of identity or serial columns follow their table
        and not (c.relkind = 'S' and exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype in ('a', 'i')))`,
    [schema, owner],
  );
  const statement: Record<string, string> = { r: 'table', p: 'table', f: 'foreign table', v: 'view', m: 'materialized view', S: 'sequence' };
  for (const r of relations.rows) await client.query(`alter ${statement[r.kind]} ${ident(schema)}.${ident(r.name)} owner to ${ident(owner)}`);
  const functions = await client.query<{ signature: string }>(
    `select p.oid::regprocedure::text as signature from pg_proc p where p.pronamespace = $1::regnamespace and p.proowner <> $2::regrole`,
    [schema, owner],
  );
  for (const f of functions.rows) await client.query(`alter routine ${f.signature} owner to ${ident(owner)}`);
  const types = await client.query<{ name: string }>(
    `select t.typname as name from pg_type t where t.typnamespace = $1::regnamespace and t.typowner <> $2::regrole and t.typtype in ('e', 'd', 'c', 'r')
        and not exists (select 1 from pg_class c where c.oid = t.typrelid and c.relkind <> 'c')`,
    [schema, owner],
  );
  for (const t of types.rows) await client.query(`alter type ${ident(schema)}.${ident(t.name)} owner to ${ident(owner)}`);
}
