import { Can, PeriodInput, PUBLISHED_PERIOD_DESCRIPTION, refusalOf, type SubgraphContext } from '@passerelles/subgraph-kit';
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { BeneficiaryRecord } from '../beneficiary/beneficiary.entity.js';
import { BeneficiaryType } from '../beneficiary/beneficiary.type.js';
import { IndicatorScopeInput } from '../indicators/indicators.type.js';
import { sanctionIndicators } from './sanction-indicators.service.js';
import type { SanctionProcedureRecord } from './sanction.record.js';
import {
  decideSanction,
  endSanctionProcedure,
  liftSanction,
  mayDecide,
  mayEnd,
  mayLift,
  mayRecordBreachFor,
  mayRecordHearing,
  proceduresOf,
  recordBreach,
  recordHearing,
  suspendedUntil,
} from './sanction.service.js';
import {
  DecideSanctionInput,
  EndSanctionProcedureInput,
  LiftSanctionInput,
  RecordBreachInput,
  RecordHearingInput,
  SanctionIndicatorsType,
  SanctionProcedureResultType,
  SanctionProcedureType,
} from './sanction.type.js';

/** Runs a step: the procedure, or the refusal the caller can act on (anything else stays a GraphQL error). */
async function result(change: () => Promise<SanctionProcedureRecord>): Promise<SanctionProcedureResultType> {
  try {
    return { ok: true, error: null, procedure: await change() };
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    return { ok: false, error: refusal, procedure: null };
  }
}

@Resolver(() => SanctionProcedureType)
export class SanctionResolver {
  @Mutation(() => SanctionProcedureResultType, { description: 'Records a breach of the person’s obligations: opens a suspension-remobilisation procedure (the person’s référent, or an administrator).' })
  @Can('sanction:record')
  recordBreach(@Ctx() ctx: SubgraphContext, @Arg('input', () => RecordBreachInput) input: RecordBreachInput): Promise<SanctionProcedureResultType> {
    return result(() => recordBreach(ctx, input));
  }

  @Mutation(() => SanctionProcedureResultType, { description: 'Records the hearing of the person (date and outcome), before any decision.' })
  @Can('sanction:record')
  recordSanctionHearing(@Ctx() ctx: SubgraphContext, @Arg('input', () => RecordHearingInput) input: RecordHearingInput): Promise<SanctionProcedureResultType> {
    return result(() => recordHearing(ctx, input));
  }

  @Mutation(() => SanctionProcedureResultType, { description: "The Département's decision after the hearing: a suspension (rate, duration) or no sanction." })
  @Can('sanction:decide')
  decideSanction(@Ctx() ctx: SubgraphContext, @Arg('input', () => DecideSanctionInput) input: DecideSanctionInput): Promise<SanctionProcedureResultType> {
    return result(() => decideSanction(ctx, input));
  }

  @Mutation(() => SanctionProcedureResultType, { description: 'Lifts a suspension: the person re-engaged (remobilisation).' })
  @Can('sanction:decide')
  liftSanction(@Ctx() ctx: SubgraphContext, @Arg('input', () => LiftSanctionInput) input: LiftSanctionInput): Promise<SanctionProcedureResultType> {
    return result(() => liftSanction(ctx, input));
  }

  @Mutation(() => SanctionProcedureResultType, { description: 'Ends a procedure otherwise than by lifting (dropped, no sanction, or a suspension that ran its term).' })
  @Can('sanction:decide')
  endSanctionProcedure(@Ctx() ctx: SubgraphContext, @Arg('input', () => EndSanctionProcedureInput) input: EndSanctionProcedureInput): Promise<SanctionProcedureResultType> {
    return result(() => endSanctionProcedure(ctx, input));
  }

  @Query(() => SanctionIndicatorsType, { description: 'How many suspension-remobilisation procedures and how long, for a scope and a period; suppressed like every aggregate. Callers without exact counts read their whole reach over a closed calendar year only (from 11 January after it: never the current year); other scopes and periods are NOT_PUBLISHED (statistical secrecy, ADR 0023).' })
  @Can('sanctionIndicators:read')
  sanctionIndicators(
    @Ctx() ctx: SubgraphContext,
    @Arg('period', () => PeriodInput, { description: PUBLISHED_PERIOD_DESCRIPTION }) period: PeriodInput,
    @Arg('scope', () => IndicatorScopeInput, { nullable: true }) scope: IndicatorScopeInput | null,
  ): Promise<SanctionIndicatorsType> {
    return sanctionIndicators(ctx, scope, period);
  }

  @FieldResolver(() => String, { nullable: true, description: 'SUSPENDED: the last day of the suspension as decided.' })
  suspendedUntil(@Root() p: SanctionProcedureRecord): string | null {
    return suspendedUntil(p);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the caller may record the hearing now.' })
  viewerCanRecordHearing(@Root() p: SanctionProcedureRecord, @Ctx() ctx: SubgraphContext): Promise<boolean> {
    return mayRecordHearing(ctx, p);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the caller may decide now (an administrator, once the person was heard).' })
  viewerCanDecide(@Root() p: SanctionProcedureRecord, @Ctx() ctx: SubgraphContext): Promise<boolean> {
    return mayDecide(ctx, p);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the caller may lift the suspension now.' })
  viewerCanLift(@Root() p: SanctionProcedureRecord, @Ctx() ctx: SubgraphContext): Promise<boolean> {
    return mayLift(ctx, p);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the caller may end the procedure now.' })
  viewerCanEnd(@Root() p: SanctionProcedureRecord, @Ctx() ctx: SubgraphContext): Promise<boolean> {
    return mayEnd(ctx, p);
  }
}

@Resolver(() => BeneficiaryType)
export class BeneficiarySanctionResolver {
  @FieldResolver(() => [SanctionProcedureType], { description: "The person's suspension-remobilisation procedures, newest breach first (empty for roles that do not read them); each read is audited." })
  sanctionProcedures(@Root() b: BeneficiaryRecord, @Ctx() ctx: SubgraphContext): Promise<SanctionProcedureRecord[]> {
    return proceduresOf(ctx, b.id);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the caller may record a breach for this person (the catalogue’s `sanction:record`).' })
  viewerCanRecordBreach(@Root() b: BeneficiaryRecord, @Ctx() ctx: SubgraphContext): Promise<boolean> {
    return mayRecordBreachFor(ctx, b);
  }
}
