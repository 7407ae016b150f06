import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('Beneficiary', { description: 'A person on the RSA, pseudonymous (no identifying field here).' })
@Directive('@key(fields: "id")')
export class BeneficiaryType {
  @Field(() => ID, { description: 'Random id; carries no meaning.' })
  id!: string;

  @Field(() => String, { description: 'INSEE code of the commune of residence.' })
  communeCode!: string;

  @Field(() => String, { nullable: true, description: 'Territory of the commune of residence.' })
  territoryId?: string | null;

  @Field(() => String, { description: '`F` or `M`.' })
  sex!: string;

  @Field(() => Int)
  birthYear!: number;

  @Field(() => String, { description: 'SINGLE, SINGLE_PARENT, COUPLE, COUPLE_WITH_CHILDREN or OTHER.' })
  householdType!: string;

  @Field(() => String, { description: 'Kind of orientation: SOCIAL, SOCIO_PRO or PRO.' })
  orientationKind!: string;
}
