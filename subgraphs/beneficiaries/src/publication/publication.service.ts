import type { EntityManager } from '@mikro-orm/postgresql';
import { closedThrough, computePublication, notYetPublished, PublishedFigures, seesExactCounts, type StoredPublication, type SubgraphContext } from '@passerelles/subgraph-kit';
import { exitReasons } from '../accompaniment/accompaniment.enums.js';
import { storeClosedYears } from './publication-statistics.js';
import { PublicationRepository, splitParts } from './publication.repository.js';

/**
 * Computes and stores a Département's publication as of a day (ADR 0023): the months closed on
 * that day (`closedThrough`), their leaves frozen as first read (« time »), the finest grid of the
 * ladder the audit protects with everything released before, every figure's value or rule. The
 * programmes and operators are those its accompaniments name, and the statistics of each calendar
 * year closed since the last run (`storeClosedYears`). One transaction, one run at a time per
 * Département: the leaves frozen, the publication and the years' statistics are saved together or
 * not at all.
 */
export async function publishDepartment(
  em: EntityManager,
  departmentCode: string,
  asOf: string,
  options: Parameters<typeof computePublication>[1] & { throughMonth?: string } = {},
): Promise<StoredPublication> {
  const { throughMonth = closedThrough(asOf), ...computeOptions } = options;
  return em.transactional(async (tx) => {
    const repository = new PublicationRepository(tx);
    await repository.lock(departmentCode);
    const previous = await repository.find(departmentCode);
    const [read, territories] = await Promise.all([repository.publishedLeaves(departmentCode, asOf, throughMonth), repository.territories(departmentCode)]);
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
    await repository.save(stored);
    // The statistics that are not linked counts, for each calendar year closed since (issue 15).
    await storeClosedYears(tx, departmentCode, asOf, stored.throughMonth ?? throughMonth, stored.firstMonth);
    return stored;
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
