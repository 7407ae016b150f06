import { Field, ID, ObjectType } from 'type-graphql';
import type { Permanence } from './permanence.entity.js';

@ObjectType('Permanence', { description: 'A service held at a place on a schedule (e.g. monthly at the CHU).' })
export class PermanenceType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: 'The service held there.' })
  serviceId!: string;

  @Field(() => String, { description: 'Name of the place, e.g. « CHU de Poitiers — hall B ».' })
  placeName!: string;

  @Field(() => String, { nullable: true, description: 'Street address of the place.' })
  address!: string | null;

  @Field(() => String, { description: 'INSEE code of the commune of the place.' })
  communeCode!: string;

  @Field(() => String, { description: 'When it is held, in OSM opening_hours format, e.g. `Mo[1] 09:00-12:00`.' })
  hours!: string;

  @Field(() => String, { nullable: true, description: 'Practical notes (appointment, interpreting…).' })
  notes!: string | null;

  static from(p: Permanence): PermanenceType {
    return Object.assign(new PermanenceType(), {
      id: p.id,
      serviceId: p.serviceId,
      placeName: p.placeName,
      address: p.address ?? null,
      communeCode: p.communeCode,
      hours: p.openingHours,
      notes: p.notes ?? null,
    });
  }
}
