import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const sexes = ['F', 'M'] as const;
export const householdTypes = ['SINGLE', 'SINGLE_PARENT', 'COUPLE', 'COUPLE_WITH_CHILDREN', 'OTHER'] as const;
export const orientationKinds = ['SOCIAL', 'SOCIO_PRO', 'PRO'] as const;
export type Sex = (typeof sexes)[number];
export type HouseholdType = (typeof householdTypes)[number];
export type OrientationKind = (typeof orientationKinds)[number];

/**
 * A person on the RSA, pseudonymous: a random id and what the indicators need. Identifying fields
 * (name, birth date, CAF number) live encrypted in `beneficiary_identity`; `barriers` and
 * `psychological_difficulties` (text arrays) are read and written by the repository's SQL.
 */
export const BeneficiaryEntity = defineEntity({
  name: 'Beneficiary',
  tableName: 'beneficiary',
  schema: 'beneficiaries',
  properties: {
    id: p.uuid().primary(),
    departmentCode: p.string(),
    communeCode: p.string(),
    territoryId: p.string().nullable(),
    externalRef: p.string().nullable(),
    sex: p.string().$type<Sex>(),
    birthYear: p.smallint(),
    householdType: p.string().$type<HouseholdType>(),
    rsaEntryDate: p.date(),
    orientationKind: p.string().$type<OrientationKind>(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Beneficiary = InferEntity<typeof BeneficiaryEntity>;

/** A person as the repository reads them (with their barriers and difficulties). */
import type { Barrier, PsychologicalDifficulty } from '../accompaniment/accompaniment.enums.js';

export interface BeneficiaryRecord {
  id: string;
  departmentCode: string;
  communeCode: string;
  territoryId: string | null;
  sex: Sex;
  birthYear: number;
  householdType: HouseholdType;
  rsaEntryDate: string;
  orientationKind: OrientationKind;
  barriers: Barrier[];
  psychologicalDifficulties: PsychologicalDifficulty[];
}
