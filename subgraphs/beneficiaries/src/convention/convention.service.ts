import { assertCan, publishCount, type PublishedCount, type SubgraphContext } from '@passerelles/subgraph-kit';
import { ConventionCaseloadRepository, type ConventionCaseload } from './convention.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const caseloads = Symbol('conventionCaseloads');

/** Both counts of a convention, batched per request: one query for every convention of the request. */
function caseloadOf(ctx: SubgraphContext, conventionId: string): Promise<ConventionCaseload> {
  assertCan(ctx.caller, 'conventionCaseload:read');
  const department = ctx.caller.departmentCode;
  return ctx.loaders
    .get<string, ConventionCaseload>(caseloads, async (ids) => {
      const valid = ids.filter((id) => UUID.test(id));
      const rows = valid.length ? await new ConventionCaseloadRepository(ctx.em).byConventions(department, valid) : [];
      const index = new Map(rows.map((r) => [r.conventionId, r]));
      return ids.map((id) => index.get(id) ?? { conventionId: id, activeCaseload: 0, peopleAccompanied: 0 });
    })
    .load(conventionId);
}

/**
 * Administrators, and operators (who follow these people by name and see only their own
 * conventions), get exact counts; for steering, référents and prescribers a convention's counts
 * are aggregates: 1 to 10 people are suppressed (null), and so is what they would reveal
 * (occupancy, and funding's costs per person computed from them).
 */
const seesExactConventionCounts = (ctx: SubgraphContext): boolean => ctx.caller.role === 'ADMIN' || ctx.caller.role === 'OPERATOR';

/** People currently accompanied (started, not ended) under a convention, as published to the caller. */
export async function conventionCaseload(ctx: SubgraphContext, conventionId: string): Promise<PublishedCount> {
  return publishCount((await caseloadOf(ctx, conventionId)).activeCaseload, seesExactConventionCounts(ctx));
}

/** Distinct people accompanied at any time under a convention, as published to the caller. */
export async function conventionAccompanied(ctx: SubgraphContext, conventionId: string): Promise<PublishedCount> {
  return publishCount((await caseloadOf(ctx, conventionId)).peopleAccompanied, seesExactConventionCounts(ctx));
}

/** The active caseload as a number; null when suppressed. */
export async function conventionActiveCaseload(ctx: SubgraphContext, conventionId: string): Promise<number | null> {
  return (await conventionCaseload(ctx, conventionId)).value;
}

/** People accompanied as a number (funding's cost per person); null when suppressed. */
export async function conventionPeopleAccompanied(ctx: SubgraphContext, conventionId: string): Promise<number | null> {
  return (await conventionAccompanied(ctx, conventionId)).value;
}

/** Active caseload / places contracted (1 FTE = 90 places in 62); null without places or when the caseload is suppressed. */
export async function conventionOccupancy(ctx: SubgraphContext, conventionId: string, places: number | undefined): Promise<number | null> {
  if (!places || places <= 0) return null;
  const active = await conventionActiveCaseload(ctx, conventionId);
  return active === null ? null : Math.round((active / places) * 10_000) / 10_000;
}
