import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const paymentKinds = ['ADVANCE', 'BALANCE'] as const;
export type PaymentKind = (typeof paymentKinds)[number];
export const paymentStatuses = ['PLANNED', 'REQUESTED', 'PAID', 'CANCELLED'] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

/** One payment of a convention's funding: the advance at signature or the balance after the final report. */
export const PaymentEntity = defineEntity({
  name: 'Payment',
  tableName: 'payment',
  schema: 'funding',
  properties: {
    id: p.uuid().primary(),
    departmentCode: p.string(),
    conventionId: p.uuid(),
    kind: p.string().$type<PaymentKind>(),
    amountCents: p.bigint('number'),
    dueOn: p.date(),
    status: p.string().$type<PaymentStatus>(),
    paidOn: p.date().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Payment = InferEntity<typeof PaymentEntity>;
