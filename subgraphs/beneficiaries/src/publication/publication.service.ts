import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  closedThrough,
  computePublication,
  notYetPublished,
  PUBLICATION_LADDER,
  PUBLICATION_RULES_VERSION,
  PublishedFigures,
  seesExactCounts,
  type StoredPublication,
  type SubgraphContext,
} from '@passerelles/subgraph-kit';
import { exitReasons } from '../accompaniment/accompaniment.enums.js';
import { storeClosedYears } from './publication-statistics.js';
import { PublicationRepository, splitParts } from './publication.repository.js';

type ComputeOptions = NonNullable<Parameters<typeof computePublication>[1]>;

/**
 * What decides a publication's figures, as a digest: the audit's rules' version, the months
 * published, the leaves (frozen as first read, the prescribers' parts with them), the
 * Département's territories, the exit reasons and the grids tried with their limits. The figures
 * released before are not in it: a run that reuses the stored publication releases nothing new.
 */
function inputsDigest(read: ReadonlyMap<string, number>, territories: readonly string[], throughMonth: string, options: ComputeOptions): string {
  const leaves = [...read].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const grids = { ladder: options.ladder ?? PUBLICATION_LADDER, maxRounds: options.maxRounds ?? null, maxPrimaryShare: options.maxPrimaryShare ?? null, leavesByMonth: options.leavesByMonth ?? false };
  return createHash('sha256').update(JSON.stringify({ rules: PUBLICATION_RULES_VERSION, throughMonth, leaves, territories, reasons: exitReasons, grids })).digest('hex');
}

/**
 * Computes and stores a Département's publication as of a day (ADR 0023): the months closed on
 * that day (`closedThrough`), their leaves frozen as first read (« time »), the finest grid of the
 * ladder the audit protects with everything released before, every figure's value or rule. The
 * programmes and operators are those its accompaniments name, and the statistics of each calendar
 * year closed since the last run (`storeClosedYears`). One transaction, one run at a time per
 * Département: the leaves frozen, the publication and the years' statistics are saved together or
 * not at all.
 *
 * The nights no month closes, the leaves are those already frozen: when nothing else that decides
 * the figures changed either (`inputsDigest`), the stored publication stays as it is, not audited
 * again (`reused`); `force` audits it again all the same.
 */
export async function publishDepartment(
  em: EntityManager,
  departmentCode: string,
  asOf: string,
  options: ComputeOptions & { throughMonth?: string; force?: boolean } = {},
): Promise<StoredPublication & { reused: boolean }> {
  const { throughMonth = closedThrough(asOf), force = false, ...computeOptions } = options;
  return em.transactional(async (tx) => {
    const repository = new PublicationRepository(tx);
    await repository.lock(departmentCode);
    const previous = await repository.find(departmentCode);
    const [read, territories] = await Promise.all([repository.publishedLeaves(departmentCode, asOf, throughMonth), repository.territories(departmentCode)]);
    const digest = inputsDigest(read, territories, throughMonth, computeOptions);
    if (!force && previous && previous.throughMonth === throughMonth && (await repository.inputsDigest(departmentCode)) === digest) {
      await storeClosedYears(tx, departmentCode, asOf, throughMonth, previous.firstMonth);
      return { ...previous, reused: true };
    }
    const { leaves, prescribers } = splitParts(read);
    const names = (position: number): string[] => [...new Set([...leaves.keys()].filter((k) => k.startsWith('S|')).map((k) => k.split('|')[position]!))].sort();
    const stored = await computePublication(
      {
        departmentCode,
        asOf,
        throughMonth,
        leaves,
        released: previous?.released ?? {},
        prescribers,
        territories: [...new Set([...territories, ...names(1)])].sort(),
        programmes: names(2),
        operators: names(3),
        reasons: exitReasons,
      },
      computeOptions,
    );
    await repository.save(stored, digest);
    // The statistics that are not linked counts, for each calendar year closed since (issue 15).
    await storeClosedYears(tx, departmentCode, asOf, stored.throughMonth ?? throughMonth, stored.firstMonth);
    return { ...stored, reused: false };
  });
}

const publications = Symbol('publications');

/**
 * What a caller without exact counts reads the steering counts from: the Département's stored
 * publication, once per request; null for a caller who sees exact counts. Until the job has run
 * for the Département, nothing is published to such a caller (« non publié à ce niveau »): the
 * per-query suppression of ADR 0022 alone leaks by differencing (docs/secret-statistique.md).
 */
export async function publishedFigures(ctx: SubgraphContext): Promise<PublishedFigures | null> {
  if (seesExactCounts(ctx.caller)) return null;
  const stored = await publicationOf(ctx);
  return new PublishedFigures(stored ?? notYetPublished(ctx.caller.departmentCode));
}

/** The caller's Département's stored publication, read once per request (null when never computed). */
export async function publicationOf(ctx: SubgraphContext): Promise<StoredPublication | null> {
  return ctx.loaders
    .get<string, StoredPublication | null>(publications, (codes) => Promise.all(codes.map((code) => new PublicationRepository(ctx.em).find(code))))
    .load(ctx.caller.departmentCode);
}
