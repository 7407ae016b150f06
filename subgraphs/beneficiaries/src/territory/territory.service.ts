import { countsByKeys, parsePublishedPeriod, publishGroup, scopeOf, seesExactCounts, shownCount, todayIso, withinTerritories, type PeriodInput, type PublishedCount, type SubgraphContext } from '@passerelles/subgraph-kit';
import { exitReasons, type ExitReason } from '../accompaniment/accompaniment.enums.js';
import { BeneficiaryRepository } from '../beneficiary/beneficiary.repository.js';
import { exitsByTerritory, peopleOrientedByTerritory } from '../indicators/indicators.service.js';
import { publishedFigures } from '../publication/publication.service.js';

const activeCaseloads = Symbol('activeCaseloads');

/**
 * People currently accompanied in a territory of the caller's Département, batched per request.
 * An aggregate: exact for administrators; for everyone else suppressed as one group over every
 * territory of the Département (their sum is the Département's active caseload, which
 * `indicators` publishes), so that no hidden territory can be recomputed.
 */
export function activeCaseload(ctx: SubgraphContext, territoryId: string): Promise<PublishedCount> {
  const department = ctx.caller.departmentCode;
  return ctx.loaders
    .get<string, PublishedCount>(activeCaseloads, async (ids) => {
      const figures = await publishedFigures(ctx);
      if (figures) return ids.map((id) => figures.caseload({ territoryId: id }, todayIso()));
      const rows = await new BeneficiaryRepository(ctx.em).activeCaseloadByTerritory(department);
      const group = publishGroup(
        rows.map((r) => ({ key: r.key, count: Number(r.count) })),
        seesExactCounts(ctx.caller),
      );
      const published = new Map(group.cells.map((c) => [c.key, c.count]));
      return ids.map((id) => published.get(id) ?? shownCount(0));
    })
    .load(territoryId);
}

/** The active caseload of a territory as a number: null when suppressed (see `activeCaseload`). */
export async function activeBeneficiaries(ctx: SubgraphContext, territoryId: string): Promise<number | null> {
  return (await activeCaseload(ctx, territoryId)).value;
}

const peopleOnRsaCounts = Symbol('peopleOnRsa');

/**
 * People on the RSA living in a territory: the need count the partners subgraph divides places by
 * (through the gateway), an aggregate like any other. Exact for administrators; for everyone else
 * suppressed as one group over every territory of the Département (null when hidden), since the
 * places being public, a rate gives its denominator back.
 */
export function peopleOnRsa(ctx: SubgraphContext, territoryId: string): Promise<number | null> {
  const department = ctx.caller.departmentCode;
  return ctx.loaders
    .get<string, number | null>(peopleOnRsaCounts, async (ids) => {
      const repository = new BeneficiaryRepository(ctx.em);
      if (seesExactCounts(ctx.caller)) return countsByKeys(ids, await repository.peopleOnRsaByTerritory(department, ids));
      const group = publishGroup(
        (await repository.peopleOnRsaByTerritory(department, null)).map((r) => ({ key: r.key, count: Number(r.count) })),
        false,
      );
      const published = new Map(group.cells.map((c) => [c.key, c.count.value]));
      return ids.map((id) => (published.has(id) ? published.get(id)! : 0));
    })
    .load(territoryId);
}

const outsideCallerTerritories = (ctx: SubgraphContext, territoryId: string): boolean => !withinTerritories(scopeOf(ctx.caller, 'territoryCounts:read'), territoryId);

/** People welcomed in a territory in a period (one query for all territories of the request and period). */
export function peopleOriented(ctx: SubgraphContext, territoryId: string, periodInput: PeriodInput): Promise<PublishedCount | null> {
  const period = parsePublishedPeriod(periodInput, { exact: seesExactCounts(ctx.caller) });
  if (outsideCallerTerritories(ctx, territoryId)) return Promise.resolve(null);
  return ctx.loaders
    .get<string, PublishedCount>(Symbol.for(`peopleOriented:${period.from}:${period.to}`), async (ids) => {
      const figures = await publishedFigures(ctx);
      if (figures) return ids.map((id) => figures.count('welcomed', { territoryId: id }, period));
      const byTerritory = await peopleOrientedByTerritory(ctx, period);
      return ids.map((id) => byTerritory.get(id) ?? shownCount(0));
    })
    .load(territoryId);
}

/** Exits in a territory in a period per reason (one query for all territories of the request and period). */
export function territoryExitsByReason(
  ctx: SubgraphContext,
  territoryId: string,
  periodInput: PeriodInput,
): Promise<{ reason: ExitReason; count: PublishedCount }[] | null> {
  const period = parsePublishedPeriod(periodInput, { exact: seesExactCounts(ctx.caller) });
  if (outsideCallerTerritories(ctx, territoryId)) return Promise.resolve(null);
  return ctx.loaders
    .get<string, { reason: ExitReason; count: PublishedCount }[]>(Symbol.for(`exitsByTerritory:${period.from}:${period.to}`), async (ids) => {
      const figures = await publishedFigures(ctx);
      if (figures) return ids.map((id) => exitReasons.map((reason) => ({ reason, count: figures.count('exits', { territoryId: id }, period, reason) })));
      const byTerritory = await exitsByTerritory(ctx, period);
      return ids.map((id) => byTerritory.get(id) ?? exitReasons.map((reason) => ({ reason, count: shownCount(0) })));
    })
    .load(territoryId);
}
