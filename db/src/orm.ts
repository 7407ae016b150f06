import { MikroORM, type Logger, type LoggerNamespace } from '@mikro-orm/core';
import { Migrator, type Migration } from '@mikro-orm/migrations';
import { defineConfig, PostgreSqlDriver, type Options } from '@mikro-orm/postgresql';

/** A migration class, as listed explicitly by each owner of a schema (no file-system discovery). */
export type MigrationClass = new (...args: ConstructorParameters<typeof Migration>) => Migration;
export interface NamedMigration {
  name: string;
  class: MigrationClass;
}

export interface OrmOptions {
  clientUrl: string;
  /** The PostgreSQL schema this owner writes (`beneficiaries`, `partners`, `ref`…). */
  schema: string;
  entities?: Options['entities'];
  migrations?: NamedMigration[];
  debug?: boolean;
  /** Called for every SQL statement (tests count queries with it). */
  onQuery?: (sql: string) => void;
  poolMax?: number;
}

/**
 * The one MikroORM configuration of the repo. Each owner passes its own schema, entities and
 * migrations; the migration history lives in that schema, so each context stays movable to its
 * own database.
 */
export function ormConfig(options: OrmOptions): Options {
  const onQuery = options.onQuery;
  const debug: LoggerNamespace[] | boolean = onQuery ? ['query'] : (options.debug ?? false);
  return defineConfig({
    driver: PostgreSqlDriver,
    clientUrl: options.clientUrl,
    schema: options.schema,
    entities: options.entities ?? [],
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    debug,
    pool: { min: 0, max: options.poolMax ?? 10 },
    allowGlobalContext: false,
    ...(onQuery
      ? {
          loggerFactory: (loggerOptions) => countingLogger(loggerOptions.writer, onQuery, options.debug ?? false),
        }
      : {}),
    migrations: {
      migrationsList: options.migrations ?? [],
      tableName: `${options.schema}.mikro_orm_migrations`,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
  });
}

function countingLogger(writer: (message: string) => void, onQuery: (sql: string) => void, echo: boolean): Logger {
  return {
    log: (_namespace, message) => {
      if (echo) writer(message);
    },
    error: (_namespace, message) => writer(message),
    warn: (_namespace, message) => writer(message),
    logQuery: (context) => {
      const sql = context.query ?? '';
      onQuery(sql);
      if (echo) writer(sql);
    },
    setDebugMode: () => undefined,
    isEnabled: (namespace) => namespace === 'query',
  };
}

/** Opens an ORM for one owner of a schema. */
export async function openOrm(options: OrmOptions): Promise<MikroORM> {
  return MikroORM.init(ormConfig(options));
}

/**
 * Creates the owner's schema if needed and runs its pending migrations, all in one transaction.
 * Concurrent callers are serialised by an advisory lock, so two replicas starting together are safe.
 */
export async function migrateSchema(options: Pick<OrmOptions, 'clientUrl' | 'schema' | 'migrations' | 'debug'>): Promise<string[]> {
  const orm = await openOrm({ ...options, entities: [] });
  try {
    const connection = orm.em.getConnection();
    await connection.execute(`select pg_advisory_lock(hashtext('passerelles.migrate.' || ?))`, [options.schema]);
    try {
      // `create schema if not exists` needs CREATE on the database even when the schema exists: a
      // service role owns its schema already (made by provisionServiceRoles) and may not create one.
      const present = await connection.execute<{ n: number }[]>(`select count(*)::int as n from pg_namespace where nspname = ?`, [options.schema]);
      if (present[0]?.n === 0) await connection.execute(`create schema "${options.schema}"`);
      const done = await orm.migrator.up();
      return done.map((m) => m.name);
    } finally {
      await connection.execute(`select pg_advisory_unlock(hashtext('passerelles.migrate.' || ?))`, [options.schema]);
    }
  } finally {
    await orm.close(true);
  }
}
