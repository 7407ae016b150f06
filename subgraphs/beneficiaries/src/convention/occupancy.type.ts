import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The occupancy entity owned by `contracts`, extended here with the active caseload of its day.
 * Its key names the day, the conventions and the territories (base64url JSON `[date, territoryIds
 * | null, conventionIds]`), so this subgraph needs nothing else from contracts: funding's balance
 * rule then reads the caseload in one step (`@requires` through a required field does not plan).
 */
@ObjectType('ConventionOccupancy')
@Directive('@key(fields: "key")')
export class ConventionOccupancyType {
  @Field(() => ID)
  key!: string;
}
