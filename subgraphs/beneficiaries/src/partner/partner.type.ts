import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The partner entity owned by `partners`, extended here with the people referred to it. */
@ObjectType('Partner')
@Directive('@key(fields: "id")')
export class PartnerType {
  @Field(() => ID)
  id!: string;
}
