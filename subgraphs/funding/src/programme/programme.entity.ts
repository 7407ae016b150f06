import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A funded programme (« dispositif »), e.g. « Référent spécifique santé ». */
export const ProgrammeEntity = defineEntity({
  name: 'Programme',
  tableName: 'programme',
  schema: 'funding',
  properties: {
    id: p.uuid().primary(),
    departmentCode: p.string(),
    name: p.string(),
    description: p.text(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Programme = InferEntity<typeof ProgrammeEntity>;
