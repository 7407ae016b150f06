import { PageInfo } from '@passerelles/subgraph-kit';
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { objectiveKinds, type ObjectiveKind } from './convention.entity.js';

export const ObjectiveKindEnum = Object.fromEntries(objectiveKinds.map((k) => [k, k])) as { [K in ObjectiveKind]: K };
registerEnumType(ObjectiveKindEnum, { name: 'ConventionObjectiveKind', description: 'QUANTITATIVE (with a target) or QUALITATIVE.' });

@ObjectType('Convention', { description: 'Agreement between the Département and an operator in a programme: period, FTE, places, territories, objectives, amendments.' })
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

  @Field(() => String, { nullable: true, description: 'Signature date (ISO).' })
  signedOn?: string | null;

  @Field(() => Int, { nullable: true })
  @Directive('@external')
  activeCaseload?: number | null;
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

@ObjectType('ConventionObjective', { description: 'An objective of a convention.' })
export class ConventionObjectiveType {
  @Field(() => ID)
  id!: string;

  @Field(() => ObjectiveKindEnum)
  kind!: ObjectiveKind;

  @Field(() => String)
  label!: string;

  @Field(() => Int, { nullable: true, description: 'Target of a quantitative objective.' })
  target!: number | null;
}

@ObjectType('ConventionAmendment', { description: 'An amendment (« avenant »): what it changed, before and after.' })
export class ConventionAmendmentType {
  @Field(() => Int, { description: '1 for the first amendment, and so on.' })
  number!: number;

  @Field(() => String)
  signedOn!: string;

  @Field(() => String)
  reason!: string;

  @Field(() => Float)
  fteBefore!: number;

  @Field(() => Float)
  fteAfter!: number;

  @Field(() => Int)
  placesBefore!: number;

  @Field(() => Int)
  placesAfter!: number;

  @Field(() => String)
  startsOnBefore!: string;

  @Field(() => String)
  startsOnAfter!: string;

  @Field(() => String)
  endsOnBefore!: string;

  @Field(() => String)
  endsOnAfter!: string;
}

@ObjectType('ConventionConnection', { description: 'A page of conventions, by name.' })
export class ConventionConnection {
  @Field(() => [ConventionType])
  nodes!: ConventionType[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType('ConventionAlert', { description: 'A convention that needs attention.' })
export class ConventionAlertType {
  @Field(() => String, { description: 'ENDING_SOON, CASELOAD_BELOW_PLACES or CASELOAD_ABOVE_PLACES.' })
  kind!: string;

  @Field(() => ConventionType)
  convention!: ConventionType;

  @Field(() => Int, { nullable: true, description: 'Days until the end (ENDING_SOON).' })
  daysLeft!: number | null;

  @Field(() => Int, { nullable: true, description: 'Active caseload ÷ places, in percent (caseload alerts).' })
  occupancyPercent!: number | null;
}
