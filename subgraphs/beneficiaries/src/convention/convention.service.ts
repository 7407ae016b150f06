import { requireRole, type SubgraphContext } from '@passerelles/subgraph-kit';
import { AccompanimentRepository } from '../accompaniment/accompaniment.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const caseloads = Symbol('conventionCaseloads');

/** People currently accompanied (started, not ended) under a convention, batched per request. */
export function conventionActiveCaseload(ctx: SubgraphContext, conventionId: string): Promise<number> {
  requireRole(ctx.caller, ['ADMIN', 'STEERING', 'OPERATOR', 'REFERENT', 'PRESCRIBER'], 'read a convention caseload');
  const department = ctx.caller.departmentCode;
  return ctx.loaders
    .get<string, number>(caseloads, async (ids) => {
      const valid = ids.filter((id) => UUID.test(id));
      const rows = valid.length ? await new AccompanimentRepository(ctx.em).activeCaseloadByConvention(department, valid) : [];
      const index = new Map(rows.map((r) => [r.key, Number(r.count)]));
      return ids.map((id) => index.get(id) ?? 0);
    })
    .load(conventionId);
}

/** Active caseload / places contracted (1 FTE = 90 places in 62); null without places. */
export async function conventionOccupancy(ctx: SubgraphContext, conventionId: string, places: number | undefined): Promise<number | null> {
  if (!places || places <= 0) return null;
  const active = await conventionActiveCaseload(ctx, conventionId);
  return Math.round((active / places) * 10_000) / 10_000;
}
