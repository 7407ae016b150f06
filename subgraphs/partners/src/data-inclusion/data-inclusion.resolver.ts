import { Can, type SubgraphContext, TakesFiles } from '@passerelles/subgraph-kit';
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { exportDataInclusion, importDataInclusion } from './data-inclusion.service.js';
import { DataInclusionExportType, DataInclusionImportReportType, DataInclusionProblemType, DataInclusionRecordErrorType } from './data-inclusion.type.js';

@Resolver()
export class DataInclusionResolver {
  @Mutation(() => DataInclusionImportReportType, {
    description: 'Imports data·inclusion v1 structures and services (JSON arrays, as the national API publishes them) into the Département (ADMIN). All or nothing.',
  })
  @Can('listing:import')
  @TakesFiles()
  async importDataInclusion(
    @Ctx() ctx: SubgraphContext,
    @Arg('structures', () => String, { description: 'JSON array of structures.' }) structures: string,
    @Arg('services', () => String, { description: 'JSON array of services.' }) services: string,
    @Arg('dryRun', () => Boolean, { nullable: true, description: 'Validate only.' }) dryRun: boolean | null,
  ): Promise<DataInclusionImportReportType> {
    const report = await importDataInclusion(ctx, structures, services, dryRun === true);
    const errors = report.errors.map((e) =>
      Object.assign(new DataInclusionRecordErrorType(), { ...e, messages: e.problems.map((p) => p.message), problems: e.problems.map((p) => DataInclusionProblemType.from(p)) }),
    );
    return Object.assign(new DataInclusionImportReportType(), { ...report, errors });
  }

  @Query(() => DataInclusionExportType, { description: "The Département's live listings in the data·inclusion v1 format." })
  async exportDataInclusion(@Ctx() ctx: SubgraphContext): Promise<DataInclusionExportType> {
    const { structures, services } = await exportDataInclusion(ctx);
    return Object.assign(new DataInclusionExportType(), {
      structures: JSON.stringify(structures),
      services: JSON.stringify(services),
      structureCount: structures.length,
      serviceCount: services.length,
    });
  }
}
