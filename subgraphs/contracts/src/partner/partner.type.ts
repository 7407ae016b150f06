import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A partner structure, owned by `partners`, extended here with the conventions it operates. */
@ObjectType('Partner')
@Directive('@key(fields: "id")')
export class PartnerRefType {
  @Field(() => ID)
  id!: string;
}
