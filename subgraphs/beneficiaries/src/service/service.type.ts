import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A partner's service, owned by `partners` (its name, its offer…): referenced here by id only. */
@ObjectType('Service')
@Directive('@key(fields: "id", resolvable: false)')
export class ServiceRefType {
  @Field(() => ID)
  id!: string;
}
