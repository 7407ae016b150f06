import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Kinds of structures in the directory (DOMAIN.md « Partner offer »). */
export const partnerKinds = [
  'MDPH',
  'CSAPA',
  'CAARUD',
  'PSYCHOLOGIST',
  'COMPLEX_CASES_CELL',
  'HEALTH_CHECK_CENTRE',
  'HOSPITAL',
  'GENERAL_PRACTICE',
  'HEALTH_CENTRE',
  'CMP',
  'CMS',
  'CCAS',
  'ASSOCIATION',
  'SIAE',
  'OTHER',
] as const;
export type PartnerKind = (typeof partnerKinds)[number];

export const PartnerEntity = defineEntity({
  name: 'Partner',
  tableName: 'partner',
  schema: 'partners',
  properties: {
    id: p.uuid().primary(),
    departmentCode: p.string(),
    name: p.string(),
    kind: p.string().$type<PartnerKind>(),
    communeCode: p.string(),
    source: p.string().default('passerelles'),
    sourceId: p.string().nullable(),
    siret: p.string().nullable(),
    description: p.text().nullable(),
    address: p.string().nullable(),
    addressComplement: p.string().nullable(),
    postalCode: p.string().nullable(),
    communeName: p.string().nullable(),
    latitude: p.double().nullable(),
    longitude: p.double().nullable(),
    phone: p.string().nullable(),
    email: p.string().nullable(),
    website: p.string().nullable(),
    sourceLink: p.string().nullable(),
    openingHours: p.string().nullable(),
    accessibilityUrl: p.string().nullable(),
    stepFreeAccess: p.boolean().nullable(),
    signLanguage: p.boolean().default(false),
    languages: p.array().default([]),
    networks: p.array().nullable(),
    listingUpdatedOn: p.date().nullable(),
    archivedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type Partner = InferEntity<typeof PartnerEntity>;
