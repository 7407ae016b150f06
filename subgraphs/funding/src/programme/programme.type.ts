import { Directive, Field, ID, ObjectType } from 'type-graphql';

@ObjectType('Programme', { description: 'A funded programme (« dispositif »), e.g. « Référent spécifique santé ».' })
@Directive('@key(fields: "id")')
export class ProgrammeType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  description!: string;
}
