import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { CommuneType } from '../commune/commune.type.js';
import { ThemeEnum } from '../directory/vocabulary.js';

@ObjectType('CommuneCoverage', { description: 'How a commune is covered by the offer of one theme.' })
export class CommuneCoverageType {
  @Field(() => CommuneType)
  commune!: CommuneType;

  @Field(() => Int, { description: 'Live services of the theme whose zone of eligibility covers the commune.' })
  servicesEligible!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Distance in km from the commune centroid to the nearest eligible in-person service of the theme; null when none, or when the commune has no centroid.',
  })
  nearestServiceKm!: number | null;

  @Field(() => Boolean, { description: 'True when at least one service of the theme is eligible there.' })
  covered!: boolean;
}

@ObjectType('TerritoryCoverage', { description: 'Coverage of a territory (or of the whole Département) by the offer of one theme.' })
export class TerritoryCoverageType {
  @Field(() => ID, { nullable: true, description: 'The territory; null for the whole Département.' })
  territoryId!: string | null;

  @Field(() => ThemeEnum)
  theme!: string;

  @Field(() => Int, { description: 'Live services of the theme eligible in at least one of its communes.' })
  servicesEligible!: number;

  @Field(() => Int, { nullable: true, description: 'Places (capacity) of the services of the theme located in the area and eligible there; null when none states places.' })
  places!: number | null;

  @Field(() => Int, { nullable: true, description: 'The need count: people on the RSA in the area as the beneficiaries subgraph publishes it (today its active caseload); null when unknown.' })
  peopleOnRsa!: number | null;

  @Field(() => Float, { nullable: true, description: 'Places per 1 000 people on the RSA; null when either is unknown or there is nobody.' })
  placesPer1000Rsa!: number | null;

  @Field(() => Int, { description: 'Communes in the area.' })
  communeCount!: number;

  @Field(() => Int, { description: 'Communes where no service of the theme is eligible.' })
  uncoveredCommuneCount!: number;

  @Field(() => Boolean, { description: 'True when at least one service of the theme is eligible somewhere in the area.' })
  covered!: boolean;

  @Field(() => [CommuneCoverageType], { description: 'Every commune of the area, by name.' })
  communes!: CommuneCoverageType[];

  @Field(() => [CommuneType], { description: 'Communes where no service of the theme is eligible, by name.' })
  uncoveredCommunes!: CommuneType[];
}
