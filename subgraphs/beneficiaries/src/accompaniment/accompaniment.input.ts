import { Field, ID, InputType } from 'type-graphql';
import { ExitReason, ExitSubReason } from './accompaniment.enums.js';

@InputType('PrescribeAccompanimentInput', { description: 'A prescription of an accompaniment in a programme.' })
export class PrescribeAccompanimentInput {
  @Field(() => ID, { description: 'The person.' })
  beneficiaryId!: string;

  @Field(() => ID, { description: 'The programme.' })
  programmeId!: string;

  @Field(() => ID, { description: 'The operator (Partner) that will deliver it.' })
  operatorId!: string;

  @Field(() => ID, { nullable: true, description: 'The convention it is delivered under.' })
  conventionId?: string | null;

  @Field(() => String, { nullable: true, description: "User id of the référent; defaults to none until validation." })
  referentId?: string | null;

  @Field(() => String, { description: 'Day of the prescription (YYYY-MM-DD).' })
  prescribedOn!: string;
}

@InputType('ValidateOrientationInput', { description: 'Validation of an orientation (in 62: by the SLAI).' })
export class ValidateOrientationInput {
  @Field(() => ID)
  accompanimentId!: string;

  @Field(() => String, { description: 'Day of the validation (YYYY-MM-DD), on or after the prescription.' })
  validatedOn!: string;

  @Field(() => String, { nullable: true, description: 'User id of the référent who will follow the person.' })
  referentId?: string | null;
}

@InputType('RecordExitInput', { description: 'The exit of an accompaniment.' })
export class RecordExitInput {
  @Field(() => ID)
  accompanimentId!: string;

  @Field(() => String, { description: 'Day of the exit (YYYY-MM-DD), on or after the start and the final review.' })
  endedOn!: string;

  @Field(() => ExitReason)
  reason!: ExitReason;

  @Field(() => ExitSubReason, { nullable: true, description: 'Required for FINANCIAL_CHANGE, refused otherwise.' })
  subReason?: ExitSubReason | null;
}
