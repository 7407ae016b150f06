import type { SubgraphContext } from '@passerelles/subgraph-kit';
import { assertPageSize } from '@passerelles/subgraph-kit';
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { ThemeEnum } from '../directory/vocabulary.js';
import { ServiceType } from '../service/service.type.js';
import { TerritoryType } from '../territory/territory.type.js';
import { coverage, servicesEligibleIn, uncoveredTerritories } from './coverage.service.js';
import { TerritoryCoverageType } from './coverage.type.js';

@Resolver(() => TerritoryCoverageType)
export class CoverageResolver {
  @Query(() => TerritoryCoverageType, {
    nullable: true,
    description:
      "Coverage of a territory, or without territoryId of the caller's whole Département, by the offer of a theme. Places per 1 000 people on the RSA need the beneficiaries subgraph: ask `Territory.coverage` for them.",
  })
  coverage(
    @Ctx() ctx: SubgraphContext,
    @Arg('theme', () => ThemeEnum) theme: string,
    @Arg('territoryId', () => ID, { nullable: true }) territoryId: string | null,
  ): Promise<TerritoryCoverageType | null> {
    return coverage(ctx, theme, territoryId);
  }

  @Query(() => [TerritoryType], { description: 'Territories where no service of the theme is eligible in any commune (white zones), by name.' })
  async uncoveredTerritories(@Ctx() ctx: SubgraphContext, @Arg('theme', () => ThemeEnum) theme: string): Promise<TerritoryType[]> {
    return (await uncoveredTerritories(ctx, theme)).map((t) => TerritoryType.from(t));
  }

  @FieldResolver(() => [ServiceType], { description: 'The offer counted: live services of the theme eligible in at least one commune of the area, by name (at most `first`).' })
  async services(@Ctx() ctx: SubgraphContext, @Root() coverage: TerritoryCoverageType, @Arg('first', () => Int, { defaultValue: 20 }) first: number): Promise<ServiceType[]> {
    assertPageSize(first);
    return (await servicesEligibleIn(ctx, coverage.theme, coverage.territoryId, first)).map((s) => ServiceType.from(s));
  }
}
