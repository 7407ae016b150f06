import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The territory entity owned by `partners`, extended here with money committed. */
@ObjectType('Territory')
@Directive('@key(fields: "id")')
export class TerritoryType {
  @Field(() => ID)
  id!: string;
}
