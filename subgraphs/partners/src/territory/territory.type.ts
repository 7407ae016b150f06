import { Directive, Field, ID, ObjectType } from 'type-graphql';

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
}
