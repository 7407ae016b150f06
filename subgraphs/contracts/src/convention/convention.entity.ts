import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * Agreement between the Département and an operator (`operatorId`, a Partner) in a programme
 * (`programmeId`, owned by funding): period, FTE and places.
 */
export const ConventionEntity = defineEntity({
  name: 'Convention',
  tableName: 'convention',
  schema: 'contracts',
  properties: {
    id: p.uuid().primary(),
    departmentCode: p.string(),
    operatorId: p.uuid(),
    programmeId: p.uuid(),
    name: p.string(),
    startsOn: p.date(),
    endsOn: p.date(),
    /** Full-time equivalents, as a decimal string (e.g. "2.50") to keep it exact. */
    fte: p.decimal('string'),
    places: p.integer(),
    signedOn: p.date().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Convention = InferEntity<typeof ConventionEntity>;

/** How many of a convention's places serve each territory. */
export const ConventionTerritoryEntity = defineEntity({
  name: 'ConventionTerritory',
  tableName: 'convention_territory',
  schema: 'contracts',
  properties: {
    convention: () => p.manyToOne(ConventionEntity).primary(),
    territoryId: p.string().primary(),
    departmentCode: p.string(),
    places: p.integer(),
  },
});
export type ConventionTerritory = InferEntity<typeof ConventionTerritoryEntity>;
