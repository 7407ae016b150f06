import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A person, owned by beneficiaries, extended with their contracts. */
@ObjectType('Beneficiary')
@Directive('@key(fields: "id")')
export class BeneficiaryRefType {
  @Field(() => ID)
  id!: string;
}
