import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Money committed to a convention (owned by contracts), in integer euro cents. */
export const FundingCommitmentEntity = defineEntity({
  name: 'FundingCommitment',
  tableName: 'funding_commitment',
  schema: 'funding',
  properties: {
    id: p.uuid().primary(),
    departmentCode: p.string(),
    programmeId: p.uuid(),
    conventionId: p.uuid(),
    /** Integer cents; bigint in the database, a JS number here (exact below 2^53 cents). */
    amountCents: p.bigint('number'),
    budgetYear: p.smallint(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type FundingCommitment = InferEntity<typeof FundingCommitmentEntity>;
