import { ArgsType, Field, Float, InputType, Int } from 'type-graphql';
import { PartnerKindEnum } from '../partner/partner.type.js';
import type { PartnerKind } from '../partner/partner.entity.js';
import { FeeEnum, MobilisationModeEnum, MobiliserEnum, PublicEnum, ReceptionModeEnum, ServiceTypeEnum, ThemeEnum } from '../directory/vocabulary.js';

@InputType('ServiceFiltersInput', { description: 'Directory filters; each list matches any of its values, and all filters must hold.' })
export class ServiceFiltersInput {
  @Field(() => [ThemeEnum], { nullable: true, description: 'Services with any of these thèmes.' })
  themes?: string[] | null;

  @Field(() => [PartnerKindEnum], { nullable: true, description: 'Structures of any of these kinds.' })
  kinds?: PartnerKind[] | null;

  @Field(() => [ServiceTypeEnum], { nullable: true, description: 'Services of any of these types.' })
  types?: string[] | null;

  @Field(() => [PublicEnum], { nullable: true, description: 'Services for any of these publics.' })
  publics?: string[] | null;

  @Field(() => [ReceptionModeEnum], { nullable: true, description: 'In person and/or remote.' })
  receptionModes?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Only free services.' })
  free?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Only structures with step-free access.' })
  stepFreeAccess?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Only structures that welcome people in French Sign Language (LSF).' })
  signLanguage?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Only structures that speak this language (ISO 639-1 code, e.g. `ar`).' })
  language?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only services open now (Paris time).' })
  openNow?: boolean | null;
}

@InputType('NearInput', { description: 'Where to measure distances from: a commune (its centroid) or a point.' })
export class NearInput {
  @Field(() => String, { nullable: true, description: 'INSEE code of a commune.' })
  communeCode?: string | null;

  @Field(() => Float, { nullable: true, description: 'Latitude (WGS 84), with `longitude`.' })
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: 'Longitude (WGS 84), with `latitude`.' })
  longitude?: number | null;
}

/** Arguments of both directory searches (`searchServices`, `searchPartners`). */
@ArgsType()
export class DirectorySearchArgs {
  @Field(() => String, { nullable: true, description: 'Words to find in names and descriptions.' })
  query?: string | null;

  @Field(() => ServiceFiltersInput, { nullable: true })
  filters?: ServiceFiltersInput | null;

  @Field(() => NearInput, { nullable: true, description: 'Order by distance from this commune or point.' })
  near?: NearInput | null;

  @Field(() => String, { nullable: true, description: 'INSEE code of a commune the service must be open to.' })
  eligibleFor?: string | null;

  @Field(() => Int, { defaultValue: 20 })
  first!: number;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@InputType('ServiceInput', { description: 'Fields of a service listing (data·inclusion vocabulary).' })
export class ServiceInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => ServiceTypeEnum, { nullable: true })
  type?: string | null;

  @Field(() => [ThemeEnum], { nullable: true })
  themes?: string[] | null;

  @Field(() => FeeEnum, { nullable: true })
  fee?: string | null;

  @Field(() => [PublicEnum], { nullable: true })
  publics?: string[] | null;

  @Field(() => String, { nullable: true })
  accessConditions?: string | null;

  @Field(() => [ReceptionModeEnum], { nullable: true })
  receptionModes?: string[] | null;

  @Field(() => [MobilisationModeEnum], { nullable: true })
  mobilisationModes?: string[] | null;

  @Field(() => [MobiliserEnum], { nullable: true })
  mobilisableBy?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'INSEE commune, EPCI or Département codes.' })
  eligibilityZone?: string[] | null;

  @Field(() => String, { nullable: true, description: 'INSEE code of the commune where it is held, if not at the structure.' })
  communeCode?: string | null;

  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => String, { nullable: true, description: 'Service phone (never a person’s own number).' })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'OSM opening_hours; validated.' })
  hours?: string | null;
}

@InputType('ServiceCapacityInput', { description: 'New capacity figures of a service; the update date is set to now.' })
export class ServiceCapacityInput {
  @Field(() => Float, { nullable: true })
  fte?: number | null;

  @Field(() => Int, { nullable: true })
  places?: number | null;

  @Field(() => Int, { nullable: true })
  waitingDays?: number | null;
}
