import { Directive, Field, ObjectType } from 'type-graphql';

/** A commune, owned by `partners` (its name, its Département…): referenced here by INSEE code only. */
@ObjectType('Commune')
@Directive('@key(fields: "code", resolvable: false)')
export class CommuneRefType {
  @Field(() => String)
  code!: string;
}
