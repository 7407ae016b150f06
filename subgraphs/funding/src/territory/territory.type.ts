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

/** The territory entity owned by `partners`, extended here with money committed. */
@ObjectType('Territory')
@Directive('@key(fields: "id")')
export class TerritoryType {
  @Field(() => ID)
  id!: string;

  @Field(() => [ConventionPlacesType])
  @Directive('@external')
  conventionPlaces?: ConventionPlacesType[];
}
