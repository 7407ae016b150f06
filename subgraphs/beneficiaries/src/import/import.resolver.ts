import { Can, TakesFiles, type SubgraphContext } from '@passerelles/subgraph-kit';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { importBeneficiaries } from './import.service.js';
import { ImportReport } from './import.type.js';

@Resolver(() => ImportReport)
export class ImportResolver {
  @Mutation(() => ImportReport, {
    description: "Imports people and accompaniments from the Département's CSV export (administrators): all lines or none; re-importing the same file changes nothing.",
  })
  @Can('people:import')
  @TakesFiles()
  importBeneficiaries(
    @Ctx() ctx: SubgraphContext,
    @Arg('csv', () => String, { description: 'The file, semicolon-separated, dates as DD/MM/YYYY (see docs/beneficiaries.md).' }) csv: string,
    @Arg('dryRun', () => Boolean, { nullable: true, description: 'Validate only, write nothing.' }) dryRun: boolean | null,
  ): Promise<ImportReport> {
    return importBeneficiaries(ctx, csv, dryRun ?? false);
  }
}
