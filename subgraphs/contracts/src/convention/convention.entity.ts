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

export const objectiveKinds = ['QUANTITATIVE', 'QUALITATIVE'] as const;
export type ObjectiveKind = (typeof objectiveKinds)[number];

/** A quantitative or qualitative objective of a convention. */
export const ConventionObjectiveEntity = defineEntity({
  name: 'ConventionObjective',
  tableName: 'convention_objective',
  schema: 'contracts',
  properties: {
    id: p.uuid().primary(),
    departmentCode: p.string(),
    conventionId: p.uuid(),
    position: p.smallint(),
    kind: p.string().$type<ObjectiveKind>(),
    label: p.text(),
    target: p.integer().nullable(),
  },
});
export type ConventionObjective = InferEntity<typeof ConventionObjectiveEntity>;

/** An amendment (« avenant ») of a convention, with the values before and after: the history of FTE, places and period. */
export const ConventionAmendmentEntity = defineEntity({
  name: 'ConventionAmendment',
  tableName: 'convention_amendment',
  schema: 'contracts',
  properties: {
    id: p.uuid().primary(),
    departmentCode: p.string(),
    conventionId: p.uuid(),
    number: p.smallint(),
    signedOn: p.date(),
    reason: p.text(),
    fteBefore: p.decimal('string'),
    fteAfter: p.decimal('string'),
    placesBefore: p.integer(),
    placesAfter: p.integer(),
    startsOnBefore: p.date(),
    startsOnAfter: p.date(),
    endsOnBefore: p.date(),
    endsOnAfter: p.date(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type ConventionAmendment = InferEntity<typeof ConventionAmendmentEntity>;
