import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A programme, owned by `funding`: referenced here by id only. */
@ObjectType('Programme')
@Directive('@key(fields: "id", resolvable: false)')
export class ProgrammeRefType {
  @Field(() => ID)
  id!: string;
}
