import { GraphQLSafeInt } from 'graphql-scalars';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { funders, type Funder } from '../cofunding/cofunding.entity.js';
import { paymentKinds, paymentStatuses, type PaymentKind, type PaymentStatus } from '../payment/payment.entity.js';
import { balanceRules, balanceStatuses, type BalanceRule, type BalanceStatus } from '../terms/balance-rule.js';

const enumOf = <T extends string>(values: readonly T[]): { [K in T]: K } => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
export const FunderEnum = enumOf(funders);
registerEnumType(FunderEnum, { name: 'Funder', description: 'Who pays a share: the Département, FSE / REACT-EU, ARS, CPAM, the State, or another funder.' });
export const PaymentKindEnum = enumOf(paymentKinds);
registerEnumType(PaymentKindEnum, { name: 'PaymentKind', description: 'ADVANCE (at signature) or BALANCE (after the final report).' });
export const PaymentStatusEnum = enumOf(paymentStatuses);
registerEnumType(PaymentStatusEnum, { name: 'PaymentStatus', description: 'PLANNED, REQUESTED, PAID or CANCELLED.' });
export const BalanceRuleEnum = enumOf(balanceRules);
registerEnumType(BalanceRuleEnum, {
  name: 'BalanceRule',
  description:
    'FULL: the whole amount is due once the final report is in. PRORATA_PLACES_FILLED: reduced in proportion of the occupancy on the last day of the convention (active caseload ÷ places in force that day, `Convention.closingOccupancy`, recorded with the final report: `FinalReport.closingCaseload` ÷ `closingPlaces`), unless it reaches fullFundingFromPercent.',
});
export const BalanceStatusEnum = enumOf(balanceStatuses);
registerEnumType(BalanceStatusEnum, {
  name: 'BalanceStatus',
  description: 'AWAITING_FINAL_REPORT, AWAITING_FIGURES (report in, figures the rule needs missing), PAYABLE, SETTLED, TO_RECOVER (more paid than due).',
});

/** A partner structure, owned by `partners`: referenced here by id only. */
@ObjectType('Partner')
@Directive('@key(fields: "id", resolvable: false)')
export class PartnerRefType {
  @Field(() => ID)
  id!: string;
}

@ObjectType('Payment', { description: 'One payment of a convention’s funding.' })
export class PaymentType {
  @Field(() => ID)
  id!: string;

  @Field(() => PaymentKindEnum)
  kind!: PaymentKind;

  @Field(() => GraphQLSafeInt, { description: 'Amount in euro cents.' })
  amountCents!: number;

  @Field(() => String, { description: 'When it is due (ISO date): the signature for the advance, the final report’s due date for the balance.' })
  dueOn!: string;

  @Field(() => PaymentStatusEnum)
  status!: PaymentStatus;

  @Field(() => String, { nullable: true, description: 'When it was paid (ISO date).' })
  paidOn!: string | null;
}

@ObjectType('FinalReportIndicator', { description: 'One figure reported in a final report.' })
export class FinalReportIndicatorType {
  @Field(() => String, { description: 'What is counted, e.g. `cerSigned`, `stabilisations`.' })
  name!: string;

  @Field(() => Int)
  value!: number;
}

@ObjectType('FinalReport', { description: 'The final report (« bilan final d’exécution ») of a convention, due on 31 March of year N+1.' })
export class FinalReportType {
  @Field(() => String, { description: 'Due date (ISO).' })
  dueOn!: string;

  @Field(() => String, { nullable: true, description: 'When it was received (ISO date); null while awaited.' })
  receivedOn!: string | null;

  @Field(() => Boolean, { description: 'Not received and past its due date.' })
  overdue!: boolean;

  @Field(() => Int, { nullable: true, description: 'Places in active caseload contracted, as reported by the operator (information: the balance rule uses `closingPlaces` and `closingCaseload`).' })
  placesContracted!: number | null;

  @Field(() => Int, { nullable: true, description: 'Places in active caseload filled, as reported by the operator (information: the balance rule uses `closingPlaces` and `closingCaseload`).' })
  placesFilled!: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'The balance rule’s basis: places in force on the convention’s last day (`Convention.closingOccupancy.places`), recorded once the report is received; null until then.',
  })
  closingPlaces!: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'The balance rule’s basis: active caseload on the convention’s last day (`Convention.closingOccupancy.activeCaseload`), recorded once the report is received; null until then, or when 1 to 10 for callers other than ADMIN and the operator (suppressed).',
  })
  closingCaseload!: number | null;

  @Field(() => Int, { nullable: true, description: 'People accompanied over the period, as reported.' })
  peopleAccompanied!: number | null;

  @Field(() => [FinalReportIndicatorType], { description: 'Other figures reported (CER signed, stabilisations, path evolutions…).' })
  indicators!: FinalReportIndicatorType[];
}

@ObjectType('CofundingShare', { description: 'The part one funder pays.' })
export class CofundingShareType {
  @Field(() => FunderEnum)
  funder!: Funder;

  @Field(() => GraphQLSafeInt, { description: 'Euro cents.' })
  amountCents!: number;

  @Field(() => Int, { description: 'Share of the total in basis points (1/100 of a percent), rounded.' })
  shareBasisPoints!: number;
}

@ObjectType('FundingTerms', { description: 'How a convention’s funding is paid.' })
export class FundingTermsType {
  @Field(() => Int, { description: 'Percentage of the amount committed paid as an advance at signature.' })
  advancePercent!: number;

  @Field(() => BalanceRuleEnum)
  balanceRule!: BalanceRule;

  @Field(() => Int, { description: 'With PRORATA_PLACES_FILLED: occupancy (percent, on the last day of the convention) from which the whole amount is due.' })
  fullFundingFromPercent!: number;
}

@ObjectType('ConventionFunding', { description: 'Money of one convention: committed, paid, balance due, and how.' })
export class ConventionFundingType {
  @Field(() => GraphQLSafeInt, { description: 'Total committed, all budget years, in euro cents.' })
  committedCents!: number;

  @Field(() => GraphQLSafeInt, { description: 'Total paid, in euro cents.' })
  paidCents!: number;

  @Field(() => GraphQLSafeInt, {
    description:
      'What the operator is entitled to under the balance rule (the amount committed until the final report is in). With PRORATA_PLACES_FILLED: committed × the occupancy on the last day of the convention (`Convention.closingOccupancy`: active caseload ÷ places in force that day), the figure every page shows.',
  })
  entitledCents!: number;

  @Field(() => GraphQLSafeInt, { description: 'Reduction applied by the balance rule (committed minus entitled).' })
  reductionCents!: number;

  @Field(() => GraphQLSafeInt, { description: 'Entitled minus paid, never below zero.' })
  balanceDueCents!: number;

  @Field(() => GraphQLSafeInt, { description: 'Paid beyond the entitlement, to recover from the operator.' })
  toRecoverCents!: number;

  @Field(() => BalanceStatusEnum)
  balanceStatus!: BalanceStatus;

  @Field(() => FundingTermsType)
  terms!: FundingTermsType;

  @Field(() => [PaymentType], { description: 'Payment schedule, by due date.' })
  payments!: PaymentType[];

  @Field(() => FinalReportType, { nullable: true })
  finalReport!: FinalReportType | null;

  @Field(() => [CofundingShareType], { description: 'Split of the amount committed by funder.' })
  cofunding!: CofundingShareType[];
}

@ObjectType('UnitCosts', { description: 'Cost of a convention per unit, in euro cents (null when the divisor is zero or unknown).' })
export class UnitCostsType {
  @Field(() => GraphQLSafeInt, { nullable: true, description: 'Amount committed ÷ places contracted.' })
  perPlaceContractedCents!: number | null;

  @Field(() => GraphQLSafeInt, { nullable: true, description: 'Amount committed ÷ places filled (active caseload, from beneficiaries).' })
  perPlaceFilledCents!: number | null;

  @Field(() => GraphQLSafeInt, { nullable: true, description: 'Amount committed ÷ people accompanied under the convention (from beneficiaries).' })
  perPersonAccompaniedCents!: number | null;
}

/** The convention entity owned by `contracts`, extended here with its money. */
@ObjectType('Convention')
@Directive('@key(fields: "id")')
export class ConventionType {
  @Field(() => ID)
  id!: string;

  @Field(() => PartnerRefType)
  @Directive('@external')
  operator?: PartnerRefType;

  @Field(() => Int)
  @Directive('@external')
  places?: number;

  @Field(() => Int, { nullable: true })
  @Directive('@external')
  activeCaseload?: number | null;

  @Field(() => Int, { nullable: true })
  @Directive('@external')
  peopleAccompanied?: number | null;
}
