import { Directive, Field, ObjectType } from 'type-graphql';

@ObjectType('Department', { description: 'A French Département (INSEE COG): the tenant of Passerelles.' })
@Directive('@key(fields: "code")')
export class DepartmentType {
  @Field(() => String, { description: 'INSEE code, e.g. `25`, `62`, `2A`.' })
  code!: string;

  @Field(() => String, { description: 'Name, e.g. « Pas-de-Calais ».' })
  name!: string;
}
