import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { partnerKinds, type PartnerKind } from './partner.entity.js';

export const PartnerKindEnum = Object.fromEntries(partnerKinds.map((k) => [k, k])) as { [K in PartnerKind]: K };
registerEnumType(PartnerKindEnum, {
  name: 'PartnerKind',
  description: 'Kind of structure: MDPH, addiction services (CSAPA, CAARUD), psychologists, complex-case cells, CPAM health checks, hospitals, CMP, CMS, CCAS…',
});

@ObjectType('Partner', { description: 'A structure of the partner offer (directory entry, aligned with data·inclusion).' })
@Directive('@key(fields: "id")')
export class PartnerType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Name of the structure.' })
  name!: string;

  @Field(() => PartnerKindEnum)
  kind!: PartnerKind;

  @Field(() => String, { description: 'INSEE code of the commune where the structure is located.' })
  communeCode!: string;

  @Field(() => String, { description: 'INSEE code of the Département whose directory lists it.' })
  departmentCode!: string;
}

@ObjectType('PartnerConnection', { description: 'A page of partners in name order.' })
export class PartnerConnection {
  @Field(() => [PartnerType])
  nodes!: PartnerType[];

  @Field(() => String, { nullable: true, description: 'Cursor to pass as `after` for the next page; null on the last page.' })
  endCursor!: string | null;

  @Field(() => Boolean)
  hasNextPage!: boolean;
}
