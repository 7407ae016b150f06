import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ConventionPlacesType } from '../convention/convention.type.js';

@InputType('ConventionIndicatorScopeInput', { description: 'Which conventions to count: the whole Département by default.' })
export class ConventionIndicatorScopeInput {
  @Field(() => ID, { nullable: true, description: 'Only conventions of this programme.' })
  programmeId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only conventions of this operator (Partner id).' })
  operatorId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only the places these conventions hold in this territory.' })
  territoryId?: string | null;
}

/**
 * The conventions in force during a period for a steering scope, with their places. An entity so
 * that `funding` adds their money (`@requires` the shares below): the key names the scope and the
 * period, and means nothing outside the caller's Département.
 */
@ObjectType('ConventionIndicators', {
  description: 'The conventions in force at some day of a period for a scope (programme, operator, territory), with their places; funding adds their money.',
})
@Directive('@key(fields: "key")')
export class ConventionIndicatorsType {
  @Field(() => ID, { description: 'Opaque: the scope and the period.' })
  key!: string;

  @Field(() => ID, { nullable: true, description: 'The territory these figures are narrowed to, if any.' })
  territoryId!: string | null;

  @Field(() => Int, { description: 'Conventions counted.' })
  conventionCount!: number;

  @Field(() => Int, { description: 'Places these conventions contract (only those allotted to the territory, when narrowed to one).' })
  placesContracted!: number;

  @Field(() => Int, { description: 'Of these places, those of the conventions still in force on the last day of the period (to compare with the active caseload on that day).' })
  placesInForceAtEnd!: number;

  @Field(() => [ConventionPlacesType], { description: 'Per convention: the places counted here (`territoryPlaces`) out of all its places.' })
  shares!: ConventionPlacesType[];

  @Field(() => [ConventionIndicatorsType], { description: 'The same figures for each territory these conventions serve, by territory id.' })
  territories!: ConventionIndicatorsType[];
}
