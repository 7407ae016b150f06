import type { SubgraphContext } from '@passerelles/subgraph-kit';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { ThemeEnum } from '../directory/vocabulary.js';
import { TerritoryType } from '../territory/territory.type.js';
import { coverage, uncoveredTerritories } from './coverage.service.js';
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
}
