import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { BalanceRule } from './balance-rule.js';

/** How a convention's funding is paid: share of the advance and the rule that sets the balance. */
export const FundingTermsEntity = defineEntity({
  name: 'FundingTerms',
  tableName: 'funding_terms',
  schema: 'funding',
  properties: {
    conventionId: p.uuid().primary(),
    departmentCode: p.string(),
    advancePercent: p.smallint(),
    balanceRule: p.string().$type<BalanceRule>(),
    fullFundingFromPercent: p.smallint(),
  },
});
export type FundingTermsRow = InferEntity<typeof FundingTermsEntity>;
