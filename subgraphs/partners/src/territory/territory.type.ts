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

  /**
   * The need count `coverage` divides by, contributed by the beneficiaries subgraph and only sent
   * here in representations (`@requires`). Today that subgraph publishes the active caseload; when
   * it publishes `Territory.peopleOnRsa` (everyone on the RSA living there), switch this field and
   * the `@requires` of `coverage` to it (docs/partners.md).
   */
  @Field(() => Int, { nullable: true, description: 'People whose accompaniment in this territory has started and not ended (beneficiaries subgraph).' })
  @Directive('@external')
  activeBeneficiaries?: number | null;

  static from(t: Territory, need?: number | null): TerritoryType {
    return Object.assign(new TerritoryType(), { id: t.id, name: t.name, kind: t.kind, departmentCode: t.departmentCode, activeBeneficiaries: need ?? null });
  }
}
