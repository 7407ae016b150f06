import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

/** The convention entity owned by `contracts`, extended here with its caseload. */
@ObjectType('Convention')
@Directive('@key(fields: "id")')
export class ConventionType {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  @Directive('@external')
  places?: number;
}
