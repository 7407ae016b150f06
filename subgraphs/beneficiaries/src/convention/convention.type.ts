import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The convention entity owned by `contracts`, extended here with caseload figures. */
@ObjectType('Convention')
@Directive('@key(fields: "id")')
export class ConventionType {
  @Field(() => ID)
  id!: string;
}
