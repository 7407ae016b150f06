import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import type { Territory } from './territory.entity.js';

@ObjectType('Territory', { description: "A Département's own division for social action (SLAI, MDS, sector): a set of communes." })
@Directive('@key(fields: "id")')
export class TerritoryType {
  @Field(() => ID, { description: 'Stable id: the Département code and a slug, e.g. `62-arrageois`.' })
  id!: string;

  @Field(() => String, { description: 'Name as the Département uses it, e.g. « Arrageois ».' })
  name!: string;

  @Field(() => String, { description: 'Kind of division, e.g. `SLAI` (Pas-de-Calais) or `SECTEUR` (Doubs).' })
  kind!: string;

  @Field(() => String, { description: 'INSEE code of the Département the territory belongs to.' })
  departmentCode!: string;

  @Field(() => String, { description: 'Where its perimeter comes from (publication, or how it was built from EPCI membership).' })
  source!: string;

  /**
   * The need count `coverage` divides by: everyone on the RSA living in the territory, contributed
   * by the beneficiaries subgraph and only sent here in representations (`@requires`).
   */
  @Field(() => Int, { nullable: true, description: 'People on the RSA living in the territory (beneficiaries subgraph).' })
  @Directive('@external')
  peopleOnRsa?: number | null;

  static from(t: Territory, need?: number | null): TerritoryType {
    return Object.assign(new TerritoryType(), { id: t.id, name: t.name, kind: t.kind, departmentCode: t.departmentCode, source: t.source, peopleOnRsa: need ?? null });
  }
}
