import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { FeeEnum, MobilisationModeEnum, MobiliserEnum, names, PublicEnum, ReceptionModeEnum, ServiceTypeEnum, ThemeEnum, toEnumName } from '../directory/vocabulary.js';
import { PageInfo } from '@passerelles/subgraph-kit';
import type { Service } from './service.entity.js';

@ObjectType('ServiceCapacity', { description: 'What a service can take: what no national directory publishes.' })
export class ServiceCapacityType {
  @Field(() => Float, { nullable: true, description: 'Full-time equivalents (ETP) working on the service.' })
  fte!: number | null;

  @Field(() => Int, { nullable: true, description: 'Places (active caseload it can hold).' })
  places!: number | null;

  @Field(() => Int, { nullable: true, description: 'Current waiting time before a first appointment, in days.' })
  waitingDays!: number | null;

  @Field(() => String, { nullable: true, description: 'When these figures were last updated (ISO date-time).' })
  updatedAt!: string | null;
}

@ObjectType('Service', { description: 'A service of a partner structure (data·inclusion `service`), with its capacity.' })
@Directive('@key(fields: "id")')
export class ServiceType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: 'The structure offering it.' })
  partnerId!: string;

  @Field(() => String, { description: 'Name of the service.' })
  name!: string;

  @Field(() => String, { description: 'What the service does, for whom.' })
  description!: string;

  @Field(() => ServiceTypeEnum, { nullable: true, description: 'Type of service.' })
  type!: string | null;

  @Field(() => [ThemeEnum], { description: 'Thèmes (data·inclusion `thematiques`).' })
  themes!: string[];

  @Field(() => FeeEnum, { nullable: true, description: 'Free or paying.' })
  fee!: string | null;

  @Field(() => String, { nullable: true, description: 'Details on fees.' })
  feeDetails!: string | null;

  @Field(() => [PublicEnum], { description: 'Publics it is meant for (empty: not stated).' })
  publics!: string[];

  @Field(() => String, { nullable: true, description: 'Details on publics.' })
  publicsDetails!: string | null;

  @Field(() => String, { nullable: true, description: 'Conditions of access (prescription, documents…).' })
  accessConditions!: string | null;

  @Field(() => [ReceptionModeEnum], { description: 'In person and/or remote (empty: not stated).' })
  receptionModes!: string[];

  @Field(() => [MobilisationModeEnum], { description: 'How to reach it (empty: not stated).' })
  mobilisationModes!: string[];

  @Field(() => [MobiliserEnum], { description: 'Who may mobilise it: people themselves, professionals.' })
  mobilisableBy!: string[];

  @Field(() => String, { nullable: true, description: 'Details on how to mobilise it.' })
  mobilisationDetails!: string | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Zone of eligibility: INSEE commune, EPCI or Département codes (or `france`). Null: the Département of the listing.',
  })
  eligibilityZone!: string[] | null;

  @Field(() => Float, { nullable: true, description: 'Hours per week of the service.' })
  weeklyHours!: number | null;

  @Field(() => Int, { nullable: true, description: 'Number of weeks it lasts.' })
  weeks!: number | null;

  @Field(() => String, { nullable: true, description: 'Street address, when it differs from the structure.' })
  address!: string | null;

  @Field(() => String, { nullable: true, description: 'INSEE code of the commune where it is held, when it differs from the structure.' })
  communeCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Phone number of the service (never a person’s own number).' })
  phone!: string | null;

  @Field(() => String, { nullable: true, description: 'E-mail of the service.' })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'Opening hours in OSM format; null: those of the structure.' })
  hours!: string | null;

  @Field(() => ServiceCapacityType, { description: 'Capacity: FTE, places, waiting time.' })
  capacity!: ServiceCapacityType;

  @Field(() => String, { description: 'Date the listing was last updated (freshness, ISO date).' })
  listingUpdatedOn!: string;

  @Field(() => Boolean, { description: 'Archived listings are kept for history but never found by search.' })
  archived!: boolean;

  static from(s: Service): ServiceType {
    const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
    return Object.assign(new ServiceType(), {
      id: s.id,
      partnerId: s.partnerId,
      name: s.name,
      description: s.description,
      type: s.type ? toEnumName(s.type) : null,
      themes: names(s.themes),
      fee: s.fee ? toEnumName(s.fee) : null,
      feeDetails: s.feeDetails ?? null,
      publics: names(s.publics),
      publicsDetails: s.publicsDetails ?? null,
      accessConditions: s.accessConditions ?? null,
      receptionModes: names(s.receptionModes),
      mobilisationModes: names(s.mobilisationModes),
      mobilisableBy: names(s.mobilisableBy),
      mobilisationDetails: s.mobilisationDetails ?? null,
      eligibilityZone: s.eligibilityZone ?? null,
      weeklyHours: num(s.weeklyHours),
      weeks: s.weeks ?? null,
      address: s.address ?? null,
      communeCode: s.communeCode ?? null,
      phone: s.phone ?? null,
      email: s.email ?? null,
      hours: s.openingHours ?? null,
      capacity: Object.assign(new ServiceCapacityType(), {
        fte: num(s.capacityFte),
        places: s.capacityPlaces ?? null,
        waitingDays: s.capacityWaitingDays ?? null,
        updatedAt: s.capacityUpdatedAt ? s.capacityUpdatedAt.toISOString() : null,
      }),
      listingUpdatedOn: String(s.listingUpdatedOn),
      archived: Boolean(s.archivedAt),
    });
  }
}

@ObjectType('ServiceSearchEdge', { description: 'One search result: the service, its structure, distance and relevance.' })
export class ServiceSearchEdge {
  @Field(() => ServiceType)
  service!: ServiceType;

  /** Resolved by the resolver from `partnerId`, batched. */
  partnerId!: string;

  @Field(() => Float, { nullable: true, description: 'Distance in km from the point searched near; null without `near` or without coordinates.' })
  distanceKm!: number | null;

  @Field(() => Float, { nullable: true, description: 'Relevance to the text searched (higher first); null without `query`.' })
  rank!: number | null;

  @Field(() => String, { description: 'Cursor of this result.' })
  cursor!: string;
}

@ObjectType('ServiceSearchConnection', { description: 'A page of directory search results, in a stable order.' })
export class ServiceSearchConnection {
  @Field(() => [ServiceSearchEdge])
  edges!: ServiceSearchEdge[];

  @Field(() => [ServiceSearchEdge], { description: 'Same as `edges` (shorthand).' })
  nodes!: ServiceSearchEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
