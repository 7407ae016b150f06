import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The services that connect to PostgreSQL, each with a login role of its own. */
export const SUBGRAPH_SCHEMAS = ['beneficiaries', 'partners', 'contracts', 'funding'] as const;
export type SubgraphSchema = (typeof SUBGRAPH_SCHEMAS)[number];
export type ServiceRole = SubgraphSchema | 'gateway';

/** One connection string per service, each with its own role. */
export type ServiceDatabaseUrls = Record<ServiceRole, string>;

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

/**
 * Least privilege: creates (or updates) one login role per subgraph and one for the gateway, and
 * grants each exactly what it uses —
 * - a subgraph owns its schema (it runs its own migrations there) and reads `ref`; it may append to
 *   `audit.access_log`, never change or remove a line;
 * - the gateway reads and writes `auth`, reads `ref`, reads and appends to `audit.access_log`;
 * - `<db>_audit_purge` (no login: the purge job takes it with SET ROLE) may delete old lines of
 *   the access log, and nothing else.
 * Nobody but the administrator that runs this (the owner of the database) reads another schema.
 * Passwords are new at every start: they live only in the environment of the processes the
 * launcher starts. Idempotent, serialised by an advisory lock; run after `prepareDatabase`.
 */
export async function provisionServiceRoles(adminUrl: string): Promise<ServiceDatabaseUrls> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const database = (await client.query<{ db: string }>('select current_database() as db')).rows[0]!.db;
    const role = (service: ServiceRole | 'audit_purge'): string => ident(serviceRoleName(database, service));
    const passwords = {} as Record<ServiceRole, string>;
    await client.query('begin');
    await client.query(`select pg_advisory_xact_lock(hashtext('passerelles.roles'))`);
    for (const service of [...SUBGRAPH_SCHEMAS, 'gateway'] as const) {
      passwords[service] = randomBytes(24).toString('base64url');
      const name = serviceRoleName(database, service);
      const exists = await client.query('select 1 from pg_roles where rolname = $1', [name]);
      await client.query(
        `${exists.rowCount ? 'alter' : 'create'} role ${ident(name)} login nosuperuser nocreatedb nocreaterole noinherit password ${literal(passwords[service])}`,
      );
      await client.query(`grant connect on database ${ident(database)} to ${ident(name)}`);
    }
    const purge = serviceRoleName(database, 'audit_purge');
    if (!(await client.query('select 1 from pg_roles where rolname = $1', [purge])).rowCount) await client.query(`create role ${ident(purge)} nologin`);

    // Each subgraph owns its schema and everything in it, including what an administrator or an
    // earlier version (one role for all) created there.
    for (const schema of SUBGRAPH_SCHEMAS) {
      const owner = role(schema);
      await client.query(`create schema if not exists ${ident(schema)} authorization ${owner}`);
      await client.query(`alter schema ${ident(schema)} owner to ${owner}`);
      await client.query(`revoke all on schema ${ident(schema)} from public`);
      await handOver(client, schema, serviceRoleName(database, schema));
    }
    const everyone = [...SUBGRAPH_SCHEMAS, 'gateway' as const].map(role).join(', ');
    await client.query(`revoke all on schema ref, auth, audit from public`);
    await client.query(`grant usage on schema ref, audit to ${everyone}, ${ident(purge)}`);
    await client.query(`grant select on all tables in schema ref to ${everyone}`);
    await client.query(`grant usage on schema auth to ${role('gateway')}`);
    await client.query(`grant select, insert, update, delete on all tables in schema auth to ${role('gateway')}`);
    await client.query(`grant usage, select on all sequences in schema auth to ${role('gateway')}`);
    // The access log: appended by all, read by the gateway (the administrators' page), deleted only by the purge.
    await client.query(`revoke all on audit.access_log from ${everyone}, ${ident(purge)}`);
    await client.query(`grant insert on audit.access_log to ${everyone}`);
    await client.query(`grant select on audit.access_log to ${role('gateway')}`);
    await client.query(`grant select, delete on audit.access_log to ${ident(purge)}`);
    await client.query('commit');

    const url = new URL(adminUrl);
    return Object.fromEntries(
      (Object.keys(passwords) as ServiceRole[]).map((service) => {
        const own = new URL(url);
        own.username = serviceRoleName(database, service);
        own.password = passwords[service];
        return [service, own.toString()];
      }),
    ) as ServiceDatabaseUrls;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw new Error(
      `Could not set up the services' database roles (the DATABASE_URL user must own the database and be allowed to create roles: see the README). ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  } finally {
    await client.end();
  }
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
    `select t.typname as name from pg_type t where t.typnamespace = $1::regnamespace and t.typowner <> $2::regrole and t.typtype in ('e', 'd', 'c')
        and not exists (select 1 from pg_class c where c.oid = t.typrelid and c.relkind <> 'c')`,
    [schema, owner],
  );
  for (const t of types.rows) await client.query(`alter type ${ident(schema)}.${ident(t.name)} owner to ${ident(owner)}`);
}
