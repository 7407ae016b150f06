import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A partner structure, owned by `partners`: referenced here by id only. */
@ObjectType('Partner')
@Directive('@key(fields: "id", resolvable: false)')
export class PartnerRefType {
  @Field(() => ID)
  id!: string;
}
