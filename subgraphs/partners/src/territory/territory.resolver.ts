import type { SubgraphContext } from '@passerelles/subgraph-kit';
import { Arg, Ctx, Directive, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { communesOfTerritory, populationOfTerritory } from '../commune/commune.service.js';
import { CommuneType } from '../commune/commune.type.js';
import { territoryCoverage } from '../coverage/coverage.service.js';
import { TerritoryCoverageType } from '../coverage/coverage.type.js';
import { ThemeEnum } from '../directory/vocabulary.js';
import { communeCount, listTerritories, partnerCount } from './territory.service.js';
import { TerritoryType } from './territory.type.js';

@Resolver(() => TerritoryType)
export class TerritoryResolver {
  @Query(() => [TerritoryType], {
    description: "Territories of a Département, by name. Defaults to the caller's Département; another Département gives an empty list.",
  })
  async territories(
    @Ctx() ctx: SubgraphContext,
    @Arg('department', () => String, { nullable: true, description: 'INSEE code of the Département.' }) department?: string | null,
  ): Promise<TerritoryType[]> {
    return (await listTerritories(ctx, department)).map((t) => TerritoryType.from(t));
  }

  @FieldResolver(() => Int, { description: 'Number of communes in the territory.' })
  communeCount(@Root() territory: TerritoryType, @Ctx() ctx: SubgraphContext): Promise<number> {
    return communeCount(ctx, territory.id);
  }

  @FieldResolver(() => Int, { description: "Number of partner structures whose address is in one of the territory's communes." })
  partnerCount(@Root() territory: TerritoryType, @Ctx() ctx: SubgraphContext): Promise<number> {
    return partnerCount(ctx, territory.id);
  }

  @FieldResolver(() => [CommuneType], { description: 'Its communes, by name.' })
  async communes(@Root() territory: TerritoryType, @Ctx() ctx: SubgraphContext): Promise<CommuneType[]> {
    return (await communesOfTerritory(ctx, territory.id)).map((c) => CommuneType.from(c));
  }

  @FieldResolver(() => Int, { description: 'Municipal population (INSEE), summed over its communes.' })
  population(@Root() territory: TerritoryType, @Ctx() ctx: SubgraphContext): Promise<number> {
    return populationOfTerritory(ctx, territory.id);
  }

  @FieldResolver(() => TerritoryCoverageType, {
    nullable: true,
    description: 'How the offer of a theme covers the territory: services eligible, places per 1 000 people on the RSA, distance per commune, uncovered communes.',
  })
  @Directive('@requires(fields: "peopleOnRsa")')
  coverage(
    @Root() territory: TerritoryType,
    @Ctx() ctx: SubgraphContext,
    @Arg('theme', () => ThemeEnum) theme: string,
  ): Promise<TerritoryCoverageType | null> {
    return territoryCoverage(ctx, territory.id, theme, territory.peopleOnRsa ?? null);
  }
}
