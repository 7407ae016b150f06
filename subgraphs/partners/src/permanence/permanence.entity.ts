import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A service held at a place on a schedule (e.g. monthly at the CHU), in OSM opening-hours format. */
export const PermanenceEntity = defineEntity({
  name: 'Permanence',
  tableName: 'permanence',
  schema: 'partners',
  properties: {
    id: p.uuid().primary(),
    departmentCode: p.string(),
    serviceId: p.uuid(),
    placeName: p.string(),
    address: p.string().nullable(),
    communeCode: p.string(),
    openingHours: p.string(),
    notes: p.text().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Permanence = InferEntity<typeof PermanenceEntity>;
