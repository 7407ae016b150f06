import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('Convention', { description: 'Agreement between the Département and an operator: period, FTE, places.' })
@Directive('@key(fields: "id")')
export class ConventionType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'First day in force (ISO date).' })
  startsOn!: string;

  @Field(() => String, { description: 'Last day in force (ISO date).' })
  endsOn!: string;

  @Field(() => Int, { description: 'Places in active caseload contracted (default 90 per FTE).' })
  places!: number;
}

@ObjectType('ConventionPlaces', { description: "A convention's places that serve one territory." })
@Directive('@shareable')
export class ConventionPlacesType {
  @Field(() => ID)
  conventionId!: string;

  @Field(() => Int, { description: 'Places of the convention allotted to this territory.' })
  territoryPlaces!: number;

  @Field(() => Int, { description: 'All places of the convention.' })
  conventionPlaces!: number;
}
