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
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type Partner = InferEntity<typeof PartnerEntity>;
