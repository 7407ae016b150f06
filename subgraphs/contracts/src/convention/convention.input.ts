import { Field, Float, ID, InputType, Int } from 'type-graphql';
import type { ObjectiveKind } from './convention.entity.js';
import { ObjectiveKindEnum } from './convention.type.js';

@InputType('ConventionFilterInput', { description: 'Which conventions to list.' })
export class ConventionFilterInput {
  @Field(() => String, { nullable: true, description: 'In force on this day (ISO).' })
  inForceOn?: string | null;

  @Field(() => ID, { nullable: true })
  operatorId?: string | null;

  @Field(() => ID, { nullable: true })
  programmeId?: string | null;

  @Field(() => String, { nullable: true, description: 'Serving this territory.' })
  territoryId?: string | null;
}

@InputType('ConventionTerritoryInput', { description: 'Places of a convention in one territory.' })
export class ConventionTerritoryInput {
  @Field(() => String)
  territoryId!: string;

  @Field(() => Int)
  places!: number;
}

@InputType('ConventionObjectiveInput', { description: 'An objective of a convention.' })
export class ConventionObjectiveInput {
  @Field(() => ObjectiveKindEnum)
  kind!: ObjectiveKind;

  @Field(() => String)
  label!: string;

  @Field(() => Int, { nullable: true })
  target?: number | null;
}

@InputType('CreateConventionInput', { description: 'A new convention with an operator.' })
export class CreateConventionInput {
  @Field(() => ID)
  operatorId!: string;

  @Field(() => ID)
  programmeId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  startsOn!: string;

  @Field(() => String)
  endsOn!: string;

  @Field(() => Float, { description: 'Full-time equivalents, at most two decimals.' })
  fte!: number;

  @Field(() => Int, { nullable: true, description: 'Places; 90 per FTE when omitted.' })
  places?: number | null;

  @Field(() => String, { nullable: true })
  signedOn?: string | null;

  @Field(() => [ConventionTerritoryInput], { description: 'Territories covered; their places add up to the convention’s.' })
  territories!: ConventionTerritoryInput[];

  @Field(() => [ConventionObjectiveInput], { defaultValue: [] })
  objectives!: ConventionObjectiveInput[];
}

@InputType('AmendConventionInput', { description: 'An amendment: only the values it changes.' })
export class AmendConventionInput {
  @Field(() => ID)
  conventionId!: string;

  @Field(() => String)
  signedOn!: string;

  @Field(() => String)
  reason!: string;

  @Field(() => Float, { nullable: true })
  fte?: number | null;

  @Field(() => Int, { nullable: true, description: 'New places; 90 per new FTE when the FTE changes and this is omitted.' })
  places?: number | null;

  @Field(() => String, { nullable: true })
  startsOn?: string | null;

  @Field(() => String, { nullable: true })
  endsOn?: string | null;

  @Field(() => [ConventionTerritoryInput], { nullable: true, description: 'New places per territory (required when places change on a convention serving several territories).' })
  territories?: ConventionTerritoryInput[] | null;
}
