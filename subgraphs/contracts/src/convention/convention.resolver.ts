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
import { conventionOccupancyAt, conventionOccupancyOn, conventionOccupancyToday } from './occupancy.service.js';
import { ConventionOccupancyType } from './occupancy.type.js';

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

  @FieldResolver(() => ConventionOccupancyType, {
    description: 'Occupancy on a day: active caseload on that day ÷ places in force on that day (after the amendments signed on or before it). The one definition every page, export and the balance rule use.',
  })
  occupancyAt(@Root() convention: Convention, @Ctx() ctx: SubgraphContext, @Arg('date', () => String, { nullable: true, description: 'ISO date; today (Paris) by default. For callers who do not see exact convention counts, the last day of a month or today (statistical secrecy).' }) date?: string | null): Promise<ConventionOccupancyType> {
    return conventionOccupancyAt(ctx, convention.id, date ?? null);
  }

  @FieldResolver(() => ConventionOccupancyType, { description: 'Occupancy on the last day of the convention (`endsOn`): what the balance rule prorates on (funding records it with the final report, `FinalReport.closingCaseload` and `closingPlaces`).' })
  closingOccupancy(@Root() convention: Convention, @Ctx() ctx: SubgraphContext): Promise<ConventionOccupancyType> {
    return conventionOccupancyOn(ctx, convention.id, convention.endsOn);
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: 'Occupancy today: `occupancyAt.rate` for today (active caseload today ÷ places in force today); null without places or when the caseload is suppressed.',
  })
  @Directive('@requires(fields: "activeCaseload")')
  occupancy(@Root() convention: Convention & { activeCaseload?: number | null }, @Ctx() ctx: SubgraphContext): Promise<number | null> {
    return conventionOccupancyToday(ctx, convention.id, convention.activeCaseload);
  }

  @FieldResolver(() => ConventionAlertType, { nullable: true, description: 'Alert when the active caseload today is below `belowPercent` % of the places in force today, or above them.' })
  @Directive('@requires(fields: "activeCaseload")')
  caseloadAlert(
    @Root() convention: Convention & { activeCaseload?: number | null },
    @Ctx() ctx: SubgraphContext,
    @Arg('belowPercent', () => Int, { defaultValue: 80 }) belowPercent = 80,
  ): Promise<ConventionAlertType | null> {
    return caseloadAlert(ctx, convention, belowPercent);
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
