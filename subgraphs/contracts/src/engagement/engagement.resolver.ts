import { Can, MutationError, PeriodInput, PUBLISHED_PERIOD_DESCRIPTION, type SubgraphContext } from '@passerelles/subgraph-kit';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { ContractAction, ContractCommitment, ContractStatusChange } from './engagement.entity.js';
import { ConvertCerInput, CreateContractInput, UpdateCommitmentInput } from './engagement.input.js';
import {
  actionsOf,
  cancelContract,
  convertCerToEngagement,
  cerSignedByTerritory,
  commitmentsOf,
  contractAlerts,
  contractById,
  contractIndicators,
  createContract,
  endContract,
  historyOf,
  renewContract,
  requestRenewal,
  reviewDatesOf,
  signContract,
  updateCommitment,
  type ContractMutationResult,
} from './engagement.service.js';
import { ContractActionType, ContractAlertType, ContractCommitmentType, ContractIndicatorsType, ContractStatusChangeType, EngagementContractType, TerritoryContractIndicatorsType } from './engagement.type.js';

@InputType('ContractIndicatorScopeInput', { description: 'What to count: the whole Département by default.' })
export class ContractIndicatorScopeInput {
  @Field(() => String, { nullable: true })
  territoryId?: string | null;

  @Field(() => ID, { nullable: true, description: 'One operator (Partner id).' })
  operatorId?: string | null;
}

@ObjectType('ContractMutationResult', { description: 'The contract after the change, or why it was refused.' })
export class ContractMutationResultType {
  @Field(() => Boolean)
  ok!: boolean;

  @Field(() => MutationError, { nullable: true })
  error!: MutationError | null;

  @Field(() => EngagementContractType, { nullable: true })
  contract!: EngagementContractType | null;
}

@Resolver(() => EngagementContractType)
export class EngagementContractResolver {
  @Query(() => EngagementContractType, { nullable: true, description: 'A contract the caller may see (audited).' })
  @Can('contract:read')
  engagementContract(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<EngagementContractType | null> {
    return contractById(ctx, id);
  }

  @Query(() => [ContractAlertType], { description: 'CER and contrats d’engagement ending soon (no renewal requested), and CER past month 5 with no renewal request, among those the caller follows.' })
  @Can('contract:read')
  contractAlerts(
    @Ctx() ctx: SubgraphContext,
    @Arg('asOf', () => String, { nullable: true, description: 'Day to judge on (ISO); today by default.' }) asOf?: string | null,
    @Arg('withinDays', () => Int, { defaultValue: 30 }) withinDays = 30,
  ): Promise<ContractAlertType[]> {
    return contractAlerts(ctx, asOf ?? null, withinDays);
  }

  @Query(() => ContractIndicatorsType, { description: 'CER signed, in force and renewed, objectives done, and contrats d’engagement signed (with a reduction, median hours), over a period. Callers without exact counts read them for their whole reach over a closed calendar year only (from 11 January after it: never the current year), with no stock; other scopes and periods are NOT_PUBLISHED (statistical secrecy, ADR 0023).' })
  @Can('contractIndicators:read')
  contractIndicators(
    @Ctx() ctx: SubgraphContext,
    @Arg('period', () => PeriodInput, { description: PUBLISHED_PERIOD_DESCRIPTION }) period: PeriodInput,
    @Arg('scope', () => ContractIndicatorScopeInput, { nullable: true }) scope?: ContractIndicatorScopeInput | null,
  ): Promise<ContractIndicatorsType> {
    return contractIndicators(ctx, scope ?? {}, period);
  }

  @FieldResolver(() => [ContractCommitmentType], { description: 'Reciprocal commitments, in order.' })
  commitments(@Root() contract: EngagementContractType, @Ctx() ctx: SubgraphContext): Promise<ContractCommitment[]> {
    return commitmentsOf(ctx, contract.id);
  }

  @FieldResolver(() => [ContractActionType], { description: 'Contrat d’engagement: its actions, in order (the planned weekly hours come from them).' })
  actions(@Root() contract: EngagementContractType, @Ctx() ctx: SubgraphContext): Promise<ContractAction[]> {
    return actionsOf(ctx, contract.id);
  }

  @FieldResolver(() => [String], { description: 'Planned review days (ISO), in order.' })
  reviewDates(@Root() contract: EngagementContractType, @Ctx() ctx: SubgraphContext): Promise<string[]> {
    return reviewDatesOf(ctx, contract.id);
  }

  @FieldResolver(() => [ContractStatusChangeType], { description: 'Every status change, oldest first.' })
  history(@Root() contract: EngagementContractType, @Ctx() ctx: SubgraphContext): Promise<ContractStatusChange[]> {
    return historyOf(ctx, contract.id);
  }

  @Mutation(() => ContractMutationResultType, { description: 'A new contract (6 months for a CER unless endsOn is given): a draft, or signed at once, atomically, when signedOn is given.' })
  @Can('contract:write')
  createContract(@Ctx() ctx: SubgraphContext, @Arg('input', () => CreateContractInput) input: CreateContractInput): Promise<ContractMutationResult> {
    return createContract(ctx, input);
  }

  @Mutation(() => ContractMutationResultType, {
    description: 'Converts a CER in force into a contrat d’engagement signed at once, carrying its objectives not done: the CER ends the day before (both record the link); returns the contrat d’engagement.',
  })
  @Can('contract:write')
  convertCerToEngagement(@Ctx() ctx: SubgraphContext, @Arg('input', () => ConvertCerInput) input: ConvertCerInput): Promise<ContractMutationResult> {
    return convertCerToEngagement(ctx, input);
  }

  @Mutation(() => ContractMutationResultType, { description: 'Signs a draft; refused if the person already has a CER (or contrat d’engagement) over part of its period, or for a contrat d’engagement below 15 hours a week with no reason.' })
  @Can('contract:write')
  signContract(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string, @Arg('signedOn', () => String) signedOn: string): Promise<ContractMutationResult> {
    return signContract(ctx, id, signedOn);
  }

  @Mutation(() => ContractMutationResultType, { description: 'Requests the renewal of a signed CER, from month 5.' })
  @Can('contract:write')
  requestContractRenewal(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string, @Arg('on', () => String) on: string): Promise<ContractMutationResult> {
    return requestRenewal(ctx, id, on);
  }

  @Mutation(() => ContractMutationResultType, { description: 'Signs the renewal: a new contract from the day after the previous one ends; returns the new contract.' })
  @Can('contract:write')
  renewContract(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('signedOn', () => String) signedOn: string,
    @Arg('endsOn', () => String, { nullable: true }) endsOn?: string | null,
  ): Promise<ContractMutationResult> {
    return renewContract(ctx, id, signedOn, endsOn ?? null);
  }

  @Mutation(() => ContractMutationResultType, { description: 'Ends a contract with its final assessment.' })
  @Can('contract:write')
  endContract(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('endedOn', () => String) endedOn: string,
    @Arg('finalAssessment', () => String) finalAssessment: string,
  ): Promise<ContractMutationResult> {
    return endContract(ctx, id, endedOn, finalAssessment);
  }

  @Mutation(() => ContractMutationResultType, { description: 'Cancels a draft or a signed contract.' })
  @Can('contract:write')
  cancelContract(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string, @Arg('on', () => String) on: string): Promise<ContractMutationResult> {
    return cancelContract(ctx, id, on);
  }

  @Mutation(() => ContractMutationResultType, { description: 'Records the progress or final assessment of a commitment.' })
  @Can('contract:write')
  updateContractCommitment(@Ctx() ctx: SubgraphContext, @Arg('input', () => UpdateCommitmentInput) input: UpdateCommitmentInput): Promise<ContractMutationResult> {
    return updateCommitment(ctx, input);
  }
}

@Resolver(() => ContractIndicatorsType)
export class ContractIndicatorsResolver {
  @FieldResolver(() => [TerritoryContractIndicatorsType], { description: 'The CER figures per territory (territories with no CER signed in the period are left out), by territory id; empty for callers without exact counts (statistical secrecy, ADR 0023).' })
  byTerritory(@Root() indicators: ContractIndicatorsType, @Ctx() ctx: SubgraphContext): Promise<TerritoryContractIndicatorsType[]> {
    return cerSignedByTerritory(ctx, indicators);
  }
}
