import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { beneficiariesSubgraph } from '@passerelles/beneficiaries';
import { PublicationRepository } from '@passerelles/beneficiaries/publication';
import { openOrm } from '@passerelles/db';
import { monthsBetween, publicationFigures, type PublicationGrid, type StoredPublication } from '@passerelles/subgraph-kit';
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

/**
 * Replaces the Département's stored publication by the same grid with primary suppression only
 * (every figure of 1 to 10 hidden « < 11 », nothing hidden for them): what the API would publish
 * without the job's audit, for the attacker to show the audit is what protects. Returns the
 * protected publication it replaced, to put back with `restorePublication`.
 */
export async function storePrimaryOnlyPublication(system: TestSystem, departmentCode: string): Promise<StoredPublication> {
  return withPublications(system, async (repository) => {
    const protectedOne = await repository.find(departmentCode);
    if (!protectedOne?.grid) throw new Error(`Département ${departmentCode} has no protected publication to compare with: run the job first.`);
    // The months the protected publication closed (their leaves as it froze them: nothing is recorded late here).
    const through = protectedOne.throughMonth!;
    const leaves = new Map([...(await repository.leaves(departmentCode, protectedOne.asOf))].filter(([leaf]) => leaf.slice(leaf.lastIndexOf('|') + 1) <= through));
    const names = (position: number): string[] => [...new Set([...leaves.keys()].filter((k) => k.startsWith('S|')).map((k) => k.split('|')[position]!))].sort();
    const grid: PublicationGrid = {
      territories: [...new Set([...(await repository.territories(departmentCode)), ...names(1)])].sort(),
      programmes: names(2),
      operators: names(3),
      // The reasons the protected publication names (every exit reason, those with no exit too).
      reasons: [...new Set(Object.keys({ ...protectedOne.shown, ...protectedOne.hidden }).filter((k) => k.startsWith('exits|')).map((k) => k.split('|')[1]!))].filter((r) => r !== '*'),
      months: monthsBetween(protectedOne.firstMonth!, through),
      crossings: protectedOne.grid.crossings,
      finest: protectedOne.grid.finest,
    };
    const shown: Record<string, number> = {};
    const hidden: Record<string, 'PRIMARY'> = {};
    for (const figure of publicationFigures(grid)) {
      const value = Object.entries(figure.terms).reduce((sum, [leaf, weight]) => sum + weight * (leaves.get(leaf) ?? 0), 0);
      if (value >= 1 && value <= 10) hidden[figure.key] = 'PRIMARY';
      else shown[figure.key] = value;
    }
    // No digest: the job's next run audits again rather than keep this one.
    await repository.save({ ...protectedOne, shown, hidden, report: null }, null);
    return protectedOne;
  });
}

/** Puts a publication back (after `storePrimaryOnlyPublication`). */
export function restorePublication(system: TestSystem, publication: StoredPublication): Promise<void> {
  return withPublications(system, (repository) => repository.save(publication, null));
}

async function withPublications<T>(system: TestSystem, use: (repository: PublicationRepository) => Promise<T>): Promise<T> {
  const orm = await openOrm({ clientUrl: system.databaseUrls.beneficiaries, schema: 'beneficiaries', entities: beneficiariesSubgraph.entities });
  try {
    return await use(new PublicationRepository(orm.em.fork() as ConstructorParameters<typeof PublicationRepository>[0]));
  } finally {
    await orm.close(true);
  }
}

/** The grid a stored publication holds (`beneficiaries.publication.grid`). */
export interface PublishedGrid {
  name: string;
  crossings: number;
  finest: string[];
}

/**
 * Runs the job for a Département from the ladder's third grid, as `npm start` does, and returns the
 * grid it published and its last month closed (YYYY-MM). Fails when no grid could be published.
 */
export async function publishFromThirdGrid(system: TestSystem, departmentCode: string): Promise<{ grid: PublishedGrid; throughMonth: string }> {
  await runPublicationJob(system, departmentCode, { startAt: 3 });
  const { rows } = await system.db.query<{ grid: PublishedGrid | null; through_month: string }>(`select grid, through_month from beneficiaries.publication where department_code = $1`, [departmentCode]);
  if (!rows[0]?.grid) throw new Error(`The job published no grid for ${departmentCode}.`);
  return { grid: rows[0].grid, throughMonth: rows[0].through_month };
}

/** The dashboard's latest period of a level closed by `through` (YYYY-MM): `2026-10` by quarter is `2026-T3`, by year `2025`. */
export function latestClosed(level: string, through: string): string {
  const [year, month] = [Number(through.slice(0, 4)), Number(through.slice(5, 7))];
  if (level === 'MONTH') return through;
  if (level === 'QUARTER') return month >= 3 ? `${year}-T${Math.floor(month / 3)}` : `${year - 1}-T4`;
  return String(month === 12 ? year : year - 1);
}

/** The last day (YYYY-MM-DD) of a dashboard grid period: `2026-T3` → `2026-09-30`. */
export function lastDayOf(period: string): string {
  const year = Number(period.slice(0, 4));
  const month = period.includes('-T') ? 3 * Number(period.slice(6)) : period.includes('-') ? Number(period.slice(5, 7)) : 12;
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}
