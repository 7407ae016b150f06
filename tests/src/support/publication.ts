import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { TestSystem } from './system.js';

const CLI = resolve(import.meta.dirname, '..', '..', '..', 'subgraphs', 'beneficiaries', 'dist', 'publication', 'publication.cli.js');

/**
 * Runs the publication job as a Département's operations team would (`npm run publication -w
 * @passerelles/beneficiaries`), with the beneficiaries service's own database role; returns its log.
 * `startAt` skips the ladder's finer grids (see the command's help).
 */
export function runPublicationJob(system: TestSystem, departmentCode: string, options: { asOf?: string; startAt?: number } = {}): Promise<string> {
  return runPublicationCli(system.databaseUrls.beneficiaries, departmentCode, options);
}

/** The same job on any database (the bench's). */
export async function runPublicationCli(databaseUrl: string, departmentCode: string, options: { asOf?: string; startAt?: number } = {}): Promise<string> {
  const args = ['--department', departmentCode, ...(options.asOf ? ['--as-of', options.asOf] : []), ...(options.startAt ? ['--start-at', String(options.startAt)] : [])];
  const { stdout } = await promisify(execFile)(process.execPath, [CLI, ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}
