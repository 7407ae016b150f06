import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

/** Places of a convention in a territory, as `contracts` publishes them. */
@ObjectType('ConventionPlaces')
@Directive('@shareable')
export class ConventionPlacesType {
  @Field(() => ID)
  conventionId!: string;

  @Field(() => Int)
  territoryPlaces!: number;

  @Field(() => Int)
  conventionPlaces!: number;
}

/** A selection of conventions made by `contracts` (scope and period in the key), extended here with its money. */
@ObjectType('ConventionIndicators')
@Directive('@key(fields: "key")')
export class ConventionIndicatorsType {
  @Field(() => ID)
  key!: string;

  @Field(() => [ConventionPlacesType])
  @Directive('@external')
  shares?: ConventionPlacesType[];
}
