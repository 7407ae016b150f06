import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A person sent to a partner's `Service` (ids owned by `partners`), with its status and dates. */
export const ReferralEntity = defineEntity({
  name: 'Referral',
  tableName: 'referral',
  schema: 'beneficiaries',
  properties: {
    id: p.uuid().primary(),
    departmentCode: p.string(),
    beneficiaryId: p.uuid(),
    accompanimentId: p.uuid().nullable(),
    serviceId: p.uuid(),
    partnerId: p.uuid(),
    status: p.string(),
    sentOn: p.date(),
    answeredOn: p.date().nullable(),
    closedOn: p.date().nullable(),
    note: p.string().nullable(),
    createdBy: p.string().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Referral = InferEntity<typeof ReferralEntity>;
