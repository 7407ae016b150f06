import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The convention entity owned by `contracts`, extended here with its caseload (occupancy is computed in contracts). */
@ObjectType('Convention')
@Directive('@key(fields: "id")')
export class ConventionType {
  @Field(() => ID)
  id!: string;
}
