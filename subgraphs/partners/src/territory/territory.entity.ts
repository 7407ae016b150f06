import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A Département's own division for social action, from the reference schema (read-only here). */
export const TerritoryEntity = defineEntity({
  name: 'Territory',
  tableName: 'territory',
  schema: 'ref',
  readonly: true,
  properties: {
    id: p.string().primary(),
    departmentCode: p.string(),
    name: p.string(),
    kind: p.string(),
    source: p.text(),
  },
});
export type Territory = InferEntity<typeof TerritoryEntity>;

export const TerritoryCommuneEntity = defineEntity({
  name: 'TerritoryCommune',
  tableName: 'territory_commune',
  schema: 'ref',
  readonly: true,
  properties: {
    territoryId: p.string().primary(),
    communeCode: p.string().primary(),
    departmentCode: p.string(),
  },
});
export type TerritoryCommune = InferEntity<typeof TerritoryCommuneEntity>;
