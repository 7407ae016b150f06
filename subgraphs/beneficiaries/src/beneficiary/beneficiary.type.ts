import { PageInfo } from '@passerelles/subgraph-kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Barrier, PsychologicalDifficulty } from '../accompaniment/accompaniment.enums.js';

@ObjectType('Beneficiary', { description: 'A person on the RSA, pseudonymous; identifying fields only through `identity`.' })
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

  @Field(() => Int, { description: 'Year of birth.' })
  birthYear!: number;

  @Field(() => String, { description: 'SINGLE, SINGLE_PARENT, COUPLE, COUPLE_WITH_CHILDREN or OTHER.' })
  householdType!: string;

  @Field(() => String, { description: 'Day the person entered the RSA (YYYY-MM-DD).' })
  rsaEntryDate!: string;

  @Field(() => String, { description: 'Kind of orientation: SOCIAL, SOCIO_PRO or PRO.' })
  orientationKind!: string;

  @Field(() => [Barrier], { description: 'Obstacles to insertion.' })
  barriers!: Barrier[];

  @Field(() => [PsychologicalDifficulty], { description: 'Types of psychological difficulty met.' })
  psychologicalDifficulties!: PsychologicalDifficulty[];
}

@ObjectType('BeneficiaryIdentity', { description: 'Identifying fields of a person: decrypted by the service for callers who may read the person; every read is audited.' })
export class BeneficiaryIdentityType {
  @Field(() => String)
  firstName!: string;

  @Field(() => String)
  lastName!: string;

  @Field(() => String, { description: 'YYYY-MM-DD.' })
  birthDate!: string;

  @Field(() => String, { nullable: true, description: 'CAF file number.' })
  cafNumber!: string | null;
}

@ObjectType('BeneficiaryConnection', { description: 'A page of people.' })
export class BeneficiaryConnection {
  @Field(() => [BeneficiaryType])
  nodes!: BeneficiaryType[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
