import { Can, type SubgraphContext } from '@passerelles/subgraph-kit';
import { parseIsoDate } from '@passerelles/subgraph-kit';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { fundingOverview, type OverviewResult } from '../convention/convention.service.js';
import { FundingOverviewType } from './overview.type.js';

@Resolver(() => FundingOverviewType)
export class OverviewResolver {
  @Query(() => FundingOverviewType, { description: 'Money of the caller’s Département (ADMIN and STEERING): committed, paid, balance due, co-funding, overdue reports.' })
  @Can('funding:readOverview')
  async fundingOverview(
    @Ctx() ctx: SubgraphContext,
    @Arg('budgetYear', () => Int, { nullable: true, description: 'Only conventions with a commitment on this budget year.' }) budgetYear?: number | null,
    @Arg('asOf', () => String, { nullable: true, description: 'Day the overdue reports are judged on (ISO); today by default.' }) asOf?: string | null,
  ): Promise<FundingOverviewType> {
    return toOverviewType(await fundingOverview(ctx, budgetYear ?? null, asOf ? parseIsoDate(asOf, 'asOf') : null));
  }
}

/** The API shape of an overview: overdue reports with their convention reference, and their count. */
export function toOverviewType(result: OverviewResult): FundingOverviewType {
  return {
    ...result,
    overdueFinalReportCount: result.overdueFinalReports.length,
    overdueFinalReports: result.overdueFinalReports.map((r) => ({ ...r, convention: { id: r.conventionId } })),
  };
}
