import { CountType } from '@passerelles/subgraph-kit';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DelayStep } from './delay-chain.definitions.js';

registerEnumType(DelayStep, {
  name: 'DelayStep',
  description:
    'A step of the legal delay chain, measured from the end of the previous one: right opened → ORIENTATION_DECIDED → ORIENTATION_NOTIFIED → FIRST_INTERVIEW (référent) → FIRST_PARTNER_APPOINTMENT (first referral accepted); CONTRACT_SIGNED (the first contract signed, as contracts tells it) is measured from the notification, as the law counts its month.',
});

@ObjectType('DelayStepStats', { description: 'One step of the legal delay chain over the people whose step ended in the period.' })
export class DelayStepStatsType {
  @Field(() => DelayStep)
  step!: DelayStep;

  @Field(() => CountType, { description: 'People whose step ended in the period (and lasted 0 days or more).' })
  counted!: CountType;

  @Field(() => Float, { nullable: true, description: 'Median days of the step, 2 decimals; null when `counted` is suppressed or zero.' })
  medianDays!: number | null;

  @Field(() => Float, { nullable: true, description: '90th percentile of the days (percentile_cont), 2 decimals; null when `counted` is suppressed or zero.' })
  p90Days!: number | null;

  @Field(() => Float, { nullable: true, description: 'Share (0–1, 4 decimals) done within the legal target; null without a target, or when `counted` is suppressed or zero.' })
  shareWithinTarget!: number | null;

  @Field(() => Int, { nullable: true, description: 'The legal target in days under the definition used; null when the step has none or counts in months.' })
  targetDays!: number | null;

  @Field(() => Int, { nullable: true, description: 'The legal target in calendar months (e.g. the contract within 1 month of the notification); null when the step has none or counts in days.' })
  targetMonths!: number | null;
}

@ObjectType('TrackDelayChain', { description: 'The legal delay chain of the people whose first orientation was to one track.' })
export class TrackDelayChainType {
  @Field(() => String, { description: 'A track code (see `orientationTracks`).' })
  track!: string;

  @Field(() => [DelayStepStatsType])
  steps!: DelayStepStatsType[];
}

@ObjectType('DelayChain', {
  description:
    'The legal delay chain (loi pour le plein emploi) of the people whose right was opened since the definitions came into force: per step, how many ended in the period, median, 90th percentile and share within the legal target, under a versioned definition.',
})
export class DelayChainType {
  @Field(() => String, { description: 'The version of the delay definitions used (e.g. 2025-01): a change of official target is a new version.' })
  definitionVersion!: string;

  @Field(() => String, { description: 'What that version is, in French (the texts it follows).' })
  definitionLabel!: string;

  @Field(() => [DelayStepStatsType], { description: 'Every step, in the order of the chain.' })
  steps!: DelayStepStatsType[];

  @Field(() => [TrackDelayChainType], { description: 'The same per track of the first orientation; each step’s counts suppressed as a group across the tracks (its total is the step’s `counted`).' })
  byTrack!: TrackDelayChainType[];
}
