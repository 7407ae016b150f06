import type { SubgraphContext } from '@passerelles/subgraph-kit';
import { ConventionCaseloadRepository, type ConventionCaseload } from './convention.repository.js';

const caseloads = Symbol('conventionCaseloads');

/** Active caseload and people accompanied under a convention of the caller's Département (batched per request). */
export function conventionCaseload(ctx: SubgraphContext, conventionId: string): Promise<ConventionCaseload> {
  const department = ctx.caller.departmentCode;
  return ctx.loaders
    .get<string, ConventionCaseload>(caseloads, async (ids) => {
      const rows = await new ConventionCaseloadRepository(ctx.em).byConventions(department, ids);
      const index = new Map(rows.map((r) => [r.conventionId, r]));
      return ids.map((id) => index.get(id) ?? { conventionId: id, activeCaseload: 0, peopleAccompanied: 0 });
    })
    .load(conventionId);
}
