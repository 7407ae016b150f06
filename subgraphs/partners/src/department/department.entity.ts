import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Départements of the INSEE COG, from the reference schema (read-only here). */
export const DepartmentEntity = defineEntity({
  name: 'Department',
  tableName: 'department',
  schema: 'ref',
  readonly: true,
  properties: {
    code: p.string().primary(),
    name: p.string(),
    regionCode: p.string(),
  },
});
export type Department = InferEntity<typeof DepartmentEntity>;
