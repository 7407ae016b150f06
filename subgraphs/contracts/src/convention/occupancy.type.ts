import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { occupancyRate } from './occupancy.js';

/**
 * The occupancy of one convention, or of a selection of conventions (a steering scope), on one
 * day. An entity so that beneficiaries adds the active caseload of that day (`@requires` the date,
 * the conventions and the territories), and `rate` is then computed here from both.
 */
@ObjectType('ConventionOccupancy', {
  description:
    'Occupancy on a day: active caseload on that day ÷ places in force on that day (after the amendments signed on or before it). The one definition shown on every page, in the exports and used by the balance rule.',
})
@Directive('@key(fields: "key")')
export class ConventionOccupancyType {
  @Field(() => ID, { description: 'Opaque: the day, the conventions and the territories.' })
  key!: string;

  @Field(() => String, { description: 'The day (ISO date).' })
  date!: string;

  @Field(() => [ID], { nullable: true, description: 'The territories the figures are narrowed to (the places held and the people accompanied there); null for all.' })
  territoryIds!: string[] | null;

  @Field(() => [ID], { description: 'The conventions counted: those in force on the day (for one convention, that convention).' })
  conventionIds!: string[];

  @Field(() => Int, {
    description: 'Places in force on the day: after the amendments signed on or before it, 0 when not in force; narrowed to territories, the places held there.',
  })
  places!: number;

  @Field(() => Int, { nullable: true })
  @Directive('@external')
  activeCaseload?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'activeCaseload ÷ places, rounded to 4 decimals (0.1778 = 17,8 %); null without places, or when the caseload is suppressed for the caller.',
  })
  @Directive('@requires(fields: "activeCaseload")')
  get rate(): number | null {
    return occupancyRate(this.activeCaseload, this.places);
  }
}
