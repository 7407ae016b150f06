import { requireRole, type SubgraphContext } from '@passerelles/subgraph-kit';
import { ConventionCaseloadRepository, type ConventionCaseload } from './convention.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const caseloads = Symbol('conventionCaseloads');

/** Both counts of a convention, batched per request: one query for every convention of the request. */
function caseloadOf(ctx: SubgraphContext, conventionId: string): Promise<ConventionCaseload> {
  requireRole(ctx.caller, ['ADMIN', 'STEERING', 'OPERATOR', 'REFERENT', 'PRESCRIBER'], 'read a convention caseload');
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

/** People currently accompanied (started, not ended) under a convention. */
export async function conventionActiveCaseload(ctx: SubgraphContext, conventionId: string): Promise<number> {
  return (await caseloadOf(ctx, conventionId)).activeCaseload;
}

/** Distinct people accompanied at any time under a convention (funding's cost per person). */
export async function conventionPeopleAccompanied(ctx: SubgraphContext, conventionId: string): Promise<number> {
  return (await caseloadOf(ctx, conventionId)).peopleAccompanied;
}

/** Active caseload / places contracted (1 FTE = 90 places in 62); null without places. */
export async function conventionOccupancy(ctx: SubgraphContext, conventionId: string, places: number | undefined): Promise<number | null> {
  if (!places || places <= 0) return null;
  const active = await conventionActiveCaseload(ctx, conventionId);
  return Math.round((active / places) * 10_000) / 10_000;
}
