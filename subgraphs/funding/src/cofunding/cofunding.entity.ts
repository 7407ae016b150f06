import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const funders = ['DEPARTMENT', 'FSE_REACT_EU', 'ARS', 'CPAM', 'STATE', 'OTHER'] as const;
export type Funder = (typeof funders)[number];

/** The part of a commitment one funder pays; the shares of a commitment add up to its amount. */
export const CofundingShareEntity = defineEntity({
  name: 'CofundingShare',
  tableName: 'cofunding_share',
  schema: 'funding',
  properties: {
    commitmentId: p.uuid().primary(),
    funder: p.string().$type<Funder>().primary(),
    departmentCode: p.string(),
    amountCents: p.bigint('number'),
  },
});
export type CofundingShare = InferEntity<typeof CofundingShareEntity>;
