import { addMonths, MutationError, PageInfo } from '@passerelles/subgraph-kit';
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { partnerKinds, type Partner, type PartnerKind } from './partner.entity.js';

export const PartnerKindEnum = Object.fromEntries(partnerKinds.map((k) => [k, k])) as { [K in PartnerKind]: K };
registerEnumType(PartnerKindEnum, {
  name: 'PartnerKind',
  description: 'Kind of structure: MDPH, addiction services (CSAPA, CAARUD), psychologists, complex-case cells, CPAM health checks, hospitals, CMP, CMS, CCAS…',
});

/** Listings not updated for this many months are flagged as stale. */
export const STALE_AFTER_MONTHS = 6;

/** The day before which a listing last updated is stale, seen on `today` (31 August → 28 February). */
export const staleBefore = (today: Date): string => addMonths(today.toISOString().slice(0, 10), -STALE_AFTER_MONTHS);

@ObjectType('PartnerContacts', { description: 'How to reach the structure (its own lines; never a person’s own number).' })
export class PartnerContactsType {
  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  website!: string | null;
}

@ObjectType('Accessibility', { description: 'Accessibility of the place.' })
export class AccessibilityType {
  @Field(() => Boolean, { nullable: true, description: 'Step-free access (wheelchair); null when unknown.' })
  stepFreeAccess!: boolean | null;

  @Field(() => Boolean, { description: 'People are welcomed in French Sign Language (LSF), by staff or interpreting.' })
  signLanguage!: boolean;

  @Field(() => [String], { description: 'Languages spoken besides French (ISO 639-1 codes).' })
  languages!: string[];

  @Field(() => String, { nullable: true, description: 'Link to the Acceslibre page of the place.' })
  url!: string | null;
}

@ObjectType('PartnerCapacity', { description: 'Capacity of the structure: the sum over its live services.' })
export class PartnerCapacityType {
  @Field(() => Float, { nullable: true, description: 'Full-time equivalents; null when no service states it.' })
  fte!: number | null;

  @Field(() => Int, { nullable: true, description: 'Places; null when no service states them.' })
  places!: number | null;

  @Field(() => Int, { nullable: true, description: 'Shortest waiting time among its services, in days.' })
  shortestWaitingDays!: number | null;
}

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

  @Field(() => String, { nullable: true, description: 'What the structure is and does.' })
  description!: string | null;

  @Field(() => String, { nullable: true, description: 'SIRET number.' })
  siret!: string | null;

  @Field(() => String, { nullable: true, description: 'Street address.' })
  address!: string | null;

  @Field(() => String, { nullable: true })
  postalCode!: string | null;

  @Field(() => Float, { nullable: true, description: 'Latitude (WGS 84); null: the commune centroid is used for distances.' })
  latitude!: number | null;

  @Field(() => Float, { nullable: true, description: 'Longitude (WGS 84).' })
  longitude!: number | null;

  @Field(() => PartnerContactsType)
  contacts!: PartnerContactsType;

  @Field(() => String, { nullable: true, description: 'Opening hours in OSM format, e.g. `Mo-Fr 09:00-12:00,14:00-17:00; PH off`.' })
  hours!: string | null;

  @Field(() => AccessibilityType)
  accessibility!: AccessibilityType;

  @Field(() => [String], { description: 'data·inclusion networks (`reseaux_porteurs`), e.g. `mdph`, `csapa`.' })
  networks!: string[];

  @Field(() => String, { description: 'Date the listing was last updated (ISO date).' })
  listingUpdatedOn!: string;

  @Field(() => Boolean, { description: `True when the listing has not been updated for ${STALE_AFTER_MONTHS} months.` })
  stale!: boolean;

  @Field(() => Boolean, { description: 'Archived listings are kept but never found by search.' })
  archived!: boolean;

  static from(p: Partner, today: Date = new Date()): PartnerType {
    const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
    const updated = String(p.listingUpdatedOn ?? p.createdAt.toISOString().slice(0, 10));
    const limit = staleBefore(today);
    return Object.assign(new PartnerType(), {
      id: p.id,
      name: p.name,
      kind: p.kind,
      communeCode: p.communeCode,
      departmentCode: p.departmentCode,
      description: p.description ?? null,
      siret: p.siret ?? null,
      address: p.address ?? null,
      postalCode: p.postalCode ?? null,
      latitude: num(p.latitude),
      longitude: num(p.longitude),
      contacts: Object.assign(new PartnerContactsType(), { phone: p.phone ?? null, email: p.email ?? null, website: p.website ?? null }),
      hours: p.openingHours ?? null,
      accessibility: Object.assign(new AccessibilityType(), {
        stepFreeAccess: p.stepFreeAccess ?? null,
        signLanguage: Boolean(p.signLanguage),
        languages: p.languages ?? [],
        url: p.accessibilityUrl ?? null,
      }),
      networks: p.networks ?? [],
      listingUpdatedOn: updated,
      stale: updated < limit,
      archived: Boolean(p.archivedAt),
    });
  }
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

@ObjectType('PartnerResult', { description: 'Outcome of a partner mutation: the partner, or why it was refused.' })
export class PartnerResultType {
  @Field(() => Boolean)
  ok!: boolean;

  @Field(() => MutationError, { nullable: true, description: 'Why the change was refused.' })
  error!: MutationError | null;

  @Field(() => PartnerType, { nullable: true })
  partner!: PartnerType | null;
}

@ObjectType('PartnerSearchEdge', { description: 'One structure found by the directory search, with the services that matched.' })
export class PartnerSearchEdge {
  @Field(() => PartnerType)
  partner!: PartnerType;

  /** Resolved by the resolver into `services`, batched. */
  serviceIds!: string[];

  @Field(() => Float, { nullable: true, description: 'Distance in km from the point searched near to the structure or its nearest matching service; null without `near`.' })
  distanceKm!: number | null;

  @Field(() => Float, { nullable: true, description: 'Relevance to the text searched (higher first); null without `query`.' })
  rank!: number | null;

  @Field(() => String, { description: 'Cursor of this result.' })
  cursor!: string;
}

@ObjectType('PartnerSearchConnection', { description: 'A page of structures found by the directory search, in a stable order.' })
export class PartnerSearchConnection {
  @Field(() => [PartnerSearchEdge])
  edges!: PartnerSearchEdge[];

  @Field(() => [PartnerSearchEdge], { description: 'Same as `edges` (shorthand).' })
  nodes!: PartnerSearchEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'Number of structures found, over all pages.' })
  totalCount!: number;
}
