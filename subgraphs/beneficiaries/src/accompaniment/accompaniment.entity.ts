import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * One person's enrolment in one programme, from prescription to exit. `programmeId`,
 * `operatorId` (a Partner) and `conventionId` are ids owned by other subgraphs.
 */
export const AccompanimentEntity = defineEntity({
  name: 'Accompaniment',
  tableName: 'accompaniment',
  schema: 'beneficiaries',
  properties: {
    id: p.uuid().primary(),
    departmentCode: p.string(),
    beneficiaryId: p.uuid(),
    programmeId: p.uuid(),
    operatorId: p.uuid(),
    conventionId: p.uuid().nullable(),
    territoryId: p.string().nullable(),
    prescribedOn: p.date(),
    startedOn: p.date().nullable(),
    endedOn: p.date().nullable(),
    exitReason: p.string().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Accompaniment = InferEntity<typeof AccompanimentEntity>;
