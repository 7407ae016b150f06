import { Can, MutationError, type SubgraphContext } from '@passerelles/subgraph-kit';
import { Arg, Ctx, Directive, Field, FieldResolver, Float, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { PartnerRefType } from '../partner/partner.type.js';
import { ProgrammeRefType } from '../programme/programme.type.js';
import { TerritoryType } from '../territory/territory.type.js';
import type { Convention, ConventionAmendment, ConventionObjective } from './convention.entity.js';
import { AmendConventionInput, ConventionFilterInput, CreateConventionInput } from './convention.input.js';
import {
  amendConvention,
  amendmentsOf,
  caseloadAlert,
  conventionAlerts,
  conventionById,
  createConvention,
  listConventions,
  objectivesOf,
  territoriesOf,
  type ConventionMutationResult,
} from './convention.service.js';
import { ConventionAlertType, ConventionAmendmentType, ConventionConnection, ConventionObjectiveType, ConventionType } from './convention.type.js';

@ObjectType('ConventionTerritory', { description: 'A territory a convention covers, with its places there.' })
export class ConventionTerritoryType {
  @Field(() => TerritoryType)
  territory!: TerritoryType;

  @Field(() => Int)
  places!: number;
}

@ObjectType('ConventionMutationResult', { description: 'The convention after the change, or why it was refused.' })
export class ConventionMutationResultType {
  @Field(() => Boolean)
  ok!: boolean;

  @Field(() => MutationError, { nullable: true })
  error!: MutationError | null;

  @Field(() => ConventionType, { nullable: true })
  convention!: ConventionType | null;
}

@Resolver(() => ConventionType)
export class ConventionResolver {
  @Query(() => ConventionType, { nullable: true, description: "A convention of the caller's Département (an operator sees only its own)." })
  convention(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<Convention | null> {
    return conventionById(ctx, id);
  }

  @Query(() => ConventionConnection, { description: "Conventions of the caller's Département, by name (an operator sees only its own)." })
  conventions(
    @Ctx() ctx: SubgraphContext,
    @Arg('filter', () => ConventionFilterInput, { nullable: true }) filter?: ConventionFilterInput | null,
    @Arg('first', () => Int, { defaultValue: 20 }) first = 20,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<ConventionConnection> {
    return listConventions(ctx, filter ?? {}, first, after ?? null);
  }

  @Query(() => [ConventionAlertType], { description: 'Conventions in force ending within `withinDays` days. Caseload alerts are on `Convention.caseloadAlert`.' })
  conventionAlerts(
    @Ctx() ctx: SubgraphContext,
    @Arg('asOf', () => String, { nullable: true, description: 'Day to judge on (ISO); today by default.' }) asOf?: string | null,
    @Arg('withinDays', () => Int, { defaultValue: 60 }) withinDays = 60,
  ): Promise<ConventionAlertType[]> {
    return conventionAlerts(ctx, asOf ?? null, withinDays);
  }

  @FieldResolver(() => Float, { description: 'Full-time equivalents funded.' })
  fte(@Root() convention: Convention): number {
    return Number(convention.fte);
  }

  @FieldResolver(() => PartnerRefType, { description: 'The operator that delivers the accompaniment.' })
  operator(@Root() convention: Convention): PartnerRefType {
    return { id: convention.operatorId };
  }

  @FieldResolver(() => ProgrammeRefType, { description: 'The programme it belongs to.' })
  programme(@Root() convention: Convention): ProgrammeRefType {
    return { id: convention.programmeId };
  }

  @FieldResolver(() => Int, { description: 'Length in whole months (12 for 01/01–31/12).' })
  periodMonths(@Root() convention: Convention): number {
    const [y1, m1] = convention.startsOn.split('-').map(Number) as [number, number];
    const [y2, m2] = convention.endsOn.split('-').map(Number) as [number, number];
    return (y2 - y1) * 12 + (m2 - m1) + 1;
  }

  @FieldResolver(() => [ConventionTerritoryType], { description: 'Territories covered, with their places.' })
  async territories(@Root() convention: Convention, @Ctx() ctx: SubgraphContext): Promise<ConventionTerritoryType[]> {
    return (await territoriesOf(ctx, convention.id)).map((t) => ({ territory: { id: t.territoryId }, places: t.places }));
  }

  @FieldResolver(() => [ConventionObjectiveType], { description: 'Quantitative and qualitative objectives.' })
  objectives(@Root() convention: Convention, @Ctx() ctx: SubgraphContext): Promise<ConventionObjective[]> {
    return objectivesOf(ctx, convention.id);
  }

  @FieldResolver(() => [ConventionAmendmentType], { description: 'Amendments, oldest first, with values before and after.' })
  async amendments(@Root() convention: Convention, @Ctx() ctx: SubgraphContext): Promise<ConventionAmendmentType[]> {
    return (await amendmentsOf(ctx, convention.id)).map((a: ConventionAmendment) => ({ ...a, fteBefore: Number(a.fteBefore), fteAfter: Number(a.fteAfter) }));
  }

  @FieldResolver(() => ConventionAlertType, { nullable: true, description: 'Alert when the active caseload is below `belowPercent` % of the places, or above the places.' })
  @Directive('@requires(fields: "activeCaseload")')
  caseloadAlert(@Root() convention: Convention & { activeCaseload?: number | null }, @Arg('belowPercent', () => Int, { defaultValue: 80 }) belowPercent = 80): ConventionAlertType | null {
    return caseloadAlert(convention, belowPercent);
  }

  @Mutation(() => ConventionMutationResultType, { description: 'Records a convention with an operator (ADMIN).' })
  @Can('convention:write')
  createConvention(@Ctx() ctx: SubgraphContext, @Arg('input', () => CreateConventionInput) input: CreateConventionInput): Promise<ConventionMutationResult> {
    return createConvention(ctx, input);
  }

  @Mutation(() => ConventionMutationResultType, { description: 'Applies an amendment (FTE, places, period) and keeps its history (ADMIN).' })
  @Can('convention:write')
  amendConvention(@Ctx() ctx: SubgraphContext, @Arg('input', () => AmendConventionInput) input: AmendConventionInput): Promise<ConventionMutationResult> {
    return amendConvention(ctx, input);
  }
}
