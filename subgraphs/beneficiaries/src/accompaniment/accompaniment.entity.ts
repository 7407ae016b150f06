import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * One person's enrolment in one programme, from prescription to exit. `programmeId`,
 * `operatorId` (a Partner) and `conventionId` are ids owned by other subgraphs. `startedOn` is the
 * day of the first interview held; `endedOn` the exit.
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
    externalRef: p.string().nullable(),
    referentId: p.string().nullable(),
    prescriberId: p.string().nullable(),
    prescribedOn: p.date(),
    validatedOn: p.date().nullable(),
    startedOn: p.date().nullable(),
    finalReviewOn: p.date().nullable(),
    endedOn: p.date().nullable(),
    exitReason: p.string().nullable(),
    exitSubReason: p.string().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Accompaniment = InferEntity<typeof AccompanimentEntity>;
