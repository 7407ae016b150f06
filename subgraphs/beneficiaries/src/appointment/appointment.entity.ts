import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** An appointment of an accompaniment (first, intermediate, final review, collective session, permanence). */
export const AppointmentEntity = defineEntity({
  name: 'Appointment',
  tableName: 'appointment',
  schema: 'beneficiaries',
  properties: {
    id: p.uuid().primary(),
    departmentCode: p.string(),
    accompanimentId: p.uuid(),
    beneficiaryId: p.uuid(),
    kind: p.string(),
    scheduledOn: p.date(),
    status: p.string(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Appointment = InferEntity<typeof AppointmentEntity>;
