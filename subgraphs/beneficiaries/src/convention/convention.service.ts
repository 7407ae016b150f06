import { assertCan, NOTHING_PUBLISHED, publishCount, seesExactConventionCounts, todayIso, type PublishedCount, type SubgraphContext } from '@passerelles/subgraph-kit';
import { publishedFigures } from '../publication/publication.service.js';
import { ConventionCaseloadRepository, type CaseloadScope } from './convention.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const caseloads = Symbol('conventionCaseloads');
const accompanied = Symbol('conventionAccompanied');

/**
 * The active caseload of a scope (conventions, day, territories), batched per request: one
 * statement for every scope of the request. The one place that counts a convention's « file
 * active »: `Convention.activeCaseload` (today) and `ConventionOccupancy.activeCaseload` (any day).
 */
function activeCaseloadOf(ctx: SubgraphContext, scope: Omit<CaseloadScope, 'key'>): Promise<number> {
  assertCan(ctx.caller, 'conventionCaseload:read');
  const department = ctx.caller.departmentCode;
  return ctx.loaders
    .get<string, number>(caseloads, async (keys) => {
      const scopes = keys.map((key): CaseloadScope => {
        const [date, territoryIds, conventionIds] = JSON.parse(key) as [string, string[] | null, string[]];
        return { key, date, territoryIds, conventionIds: conventionIds.filter((id) => UUID.test(id)) };
      });
      const counts = await new ConventionCaseloadRepository(ctx.em).activeAt(department, scopes);
      return keys.map((key) => counts.get(key) ?? 0);
    })
    .load(JSON.stringify([scope.date, scope.territoryIds, [...scope.conventionIds]]));
}

function accompaniedOf(ctx: SubgraphContext, conventionId: string): Promise<number> {
  assertCan(ctx.caller, 'conventionCaseload:read');
  const department = ctx.caller.departmentCode;
  return ctx.loaders
    .get<string, number>(accompanied, async (ids) => {
      const valid = ids.filter((id) => UUID.test(id));
      const counts = valid.length ? await new ConventionCaseloadRepository(ctx.em).accompaniedBy(department, valid) : new Map<string, number>();
      return ids.map((id) => counts.get(id) ?? 0);
    })
    .load(conventionId);
}


/**
 * A convention's count to a caller without its exact counts: once the Département's publication is
 * computed, « non publié à ce niveau » — a convention is no scope of the publication grid (it
 * crosses a programme and an operator, by day), and its figures combined with the grid's would
 * bring hidden counts back (ADR 0023). Null: read the count (exact, or before any publication).
 */
async function offTheGrid(ctx: SubgraphContext): Promise<PublishedCount | null> {
  assertCan(ctx.caller, 'conventionCaseload:read');
  return !seesExactConventionCounts(ctx.caller) && (await publishedFigures(ctx)) ? NOTHING_PUBLISHED() : null;
}

/** The active caseload of some conventions on a day, as published to the caller. */
export async function caseloadOn(ctx: SubgraphContext, scope: Omit<CaseloadScope, 'key'>): Promise<PublishedCount> {
  const off = await offTheGrid(ctx);
  if (off) return off;
  return publishCount(await activeCaseloadOf(ctx, scope), seesExactConventionCounts(ctx.caller));
}

/** People currently accompanied under a convention: its active caseload today, as published to the caller. */
export function conventionCaseload(ctx: SubgraphContext, conventionId: string): Promise<PublishedCount> {
  return caseloadOn(ctx, { date: todayIso(), territoryIds: null, conventionIds: [conventionId] });
}

/** Distinct people accompanied at any time under a convention, as published to the caller. */
export async function conventionAccompanied(ctx: SubgraphContext, conventionId: string): Promise<PublishedCount> {
  const off = await offTheGrid(ctx);
  if (off) return off;
  return publishCount(await accompaniedOf(ctx, conventionId), seesExactConventionCounts(ctx.caller));
}

/** The active caseload today as a number; null when suppressed. */
export async function conventionActiveCaseload(ctx: SubgraphContext, conventionId: string): Promise<number | null> {
  return (await conventionCaseload(ctx, conventionId)).value;
}

/** People accompanied as a number (funding's cost per person); null when suppressed. */
export async function conventionPeopleAccompanied(ctx: SubgraphContext, conventionId: string): Promise<number | null> {
  return (await conventionAccompanied(ctx, conventionId)).value;
}
