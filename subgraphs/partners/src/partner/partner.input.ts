import { Field, Float, InputType } from 'type-graphql';
import type { PartnerKind } from './partner.entity.js';
import { PartnerKindEnum } from './partner.type.js';

@InputType('PartnerInput', { description: 'Fields of a structure listing; absent fields are left unchanged on update.' })
export class PartnerInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => PartnerKindEnum, { nullable: true })
  kind?: PartnerKind | null;

  @Field(() => String, { nullable: true, description: 'INSEE code of the commune where it is.' })
  communeCode?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  siret?: string | null;

  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => String, { nullable: true })
  postalCode?: string | null;

  @Field(() => Float, { nullable: true })
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  longitude?: number | null;

  @Field(() => String, { nullable: true, description: 'The structure’s own line (never a person’s own number).' })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  website?: string | null;

  @Field(() => String, { nullable: true, description: 'OSM opening_hours; validated.' })
  hours?: string | null;

  @Field(() => Boolean, { nullable: true })
  stepFreeAccess?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  signLanguage?: boolean | null;

  @Field(() => [String], { nullable: true, description: 'ISO 639-1 codes of languages spoken besides French.' })
  languages?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'data·inclusion networks.' })
  networks?: string[] | null;
}
