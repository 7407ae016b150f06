import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
import type { Commune } from './commune.entity.js';

@ObjectType('Commune', { description: 'A commune of the INSEE COG (reference geography).' })
@Directive('@key(fields: "code")')
export class CommuneType {
  @Field(() => String, { description: 'INSEE code, e.g. `62041` (Arras).' })
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'INSEE code of its Département.' })
  departmentCode!: string;

  @Field(() => String, { nullable: true, description: 'SIREN of its EPCI.' })
  epciCode!: string | null;

  @Field(() => Int, { nullable: true, description: 'Municipal population (INSEE).' })
  population!: number | null;

  @Field(() => Float, { nullable: true, description: 'Latitude of its centroid; null where the reference has none.' })
  latitude!: number | null;

  @Field(() => Float, { nullable: true, description: 'Longitude of its centroid.' })
  longitude!: number | null;

  static from(c: Commune): CommuneType {
    const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
    return Object.assign(new CommuneType(), {
      code: c.code,
      name: c.name,
      departmentCode: c.departmentCode,
      epciCode: c.epciCode ?? null,
      population: c.population ?? null,
      latitude: num(c.latitude),
      longitude: num(c.longitude),
    });
  }
}
