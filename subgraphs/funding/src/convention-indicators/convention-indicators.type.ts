import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { ConventionPlacesType } from '../territory/territory.type.js';

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
