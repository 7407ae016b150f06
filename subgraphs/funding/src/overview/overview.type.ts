import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { CofundingShareType, ConventionType } from '../convention/convention.type.js';

@ObjectType('OverdueFinalReport', { description: 'A final report not received by its due date.' })
export class OverdueFinalReportType {
  @Field(() => ID)
  conventionId!: string;

  @Field(() => ConventionType)
  convention!: ConventionType;

  @Field(() => String, { description: 'Due date (ISO).' })
  dueOn!: string;
}

@ObjectType('FundingOverview', { description: 'Money of the Département’s conventions: the sum of each convention’s funding.' })
export class FundingOverviewType {
  @Field(() => Int, { description: 'Conventions counted.' })
  conventionCount!: number;

  @Field(() => GraphQLSafeInt, { description: 'Total committed to these conventions (all their budget years), in cents.' })
  committedCents!: number;

  @Field(() => GraphQLSafeInt, { nullable: true, description: 'Committed on the budget year asked for, in cents.' })
  committedInYearCents!: number | null;

  @Field(() => GraphQLSafeInt)
  paidCents!: number;

  @Field(() => GraphQLSafeInt)
  balanceDueCents!: number;

  @Field(() => GraphQLSafeInt, { description: 'Paid beyond entitlement, to recover.' })
  toRecoverCents!: number;

  @Field(() => [CofundingShareType], { description: 'Split of the amounts committed by funder.' })
  cofundingSplit!: CofundingShareType[];

  @Field(() => [OverdueFinalReportType], { description: 'Final reports past their due date and not received.' })
  overdueFinalReports!: OverdueFinalReportType[];

  @Field(() => Int)
  overdueFinalReportCount!: number;

  @Field(() => GraphQLSafeInt, { nullable: true, description: 'Amount committed ÷ places contracted, in cents: on the funding of a selection of conventions (`ConventionIndicators.funding`), where the places are known; null on the Département overview.' })
  perPlaceContractedCents!: number | null;
}
