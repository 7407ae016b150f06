import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Communes of the INSEE COG, from the reference schema (read-only here). */
export const CommuneEntity = defineEntity({
  name: 'Commune',
  tableName: 'commune',
  schema: 'ref',
  readonly: true,
  properties: {
    code: p.string().primary(),
    name: p.string(),
    departmentCode: p.string(),
    epciCode: p.string().nullable(),
    population: p.integer().nullable(),
    latitude: p.double().nullable(),
    longitude: p.double().nullable(),
  },
});
export type Commune = InferEntity<typeof CommuneEntity>;
