import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ConventionEntity, ConventionTerritoryEntity } from '../convention/convention.entity.js';
import { ContractCommitmentEntity, EngagementContractEntity, type CommitmentStatus } from '../engagement/engagement.entity.js';
import { defaultEndsOn, type StoredStatus } from '../engagement/engagement.rules.js';

export interface ConventionOptions {
  departmentCode: string;
  /** A given id, for tests that name their conventions up front; a new one otherwise. */
  id?: string;
  operatorId?: string;
  programmeId?: string;
  startsOn: string;
  endsOn: string;
  places: number;
  /** One FTE per 90 places unless given. */
  fte?: number;
  /** Places held in each territory served, by territory id. */
  territories?: Record<string, number>;
}

/** A convention and its places per territory, written directly: factories, not fixtures. */
export async function newConvention(em: EntityManager, o: ConventionOptions): Promise<string> {
  const id = o.id ?? randomUUID();
  em.create(ConventionEntity, {
    id,
    departmentCode: o.departmentCode,
    operatorId: o.operatorId ?? randomUUID(),
    programmeId: o.programmeId ?? randomUUID(),
    name: `Convention ${id.slice(0, 8)}`,
    startsOn: o.startsOn,
    endsOn: o.endsOn,
    fte: (o.fte ?? o.places / 90).toFixed(2),
    places: o.places,
    signedOn: null,
    createdAt: new Date(),
  });
  for (const [territoryId, places] of Object.entries(o.territories ?? {})) {
    em.create(ConventionTerritoryEntity, { convention: id, territoryId, departmentCode: o.departmentCode, places });
  }
  await em.flush();
  return id;
}

export interface EngagementContractOptions {
  departmentCode: string;
  beneficiaryId?: string;
  accompanimentId?: string | null;
  kind?: 'CER' | 'PPAE' | 'CONTRAT_ENGAGEMENT';
  /** A contrat d'engagement's planned hours a week (15 unless given) and reduction reason. */
  plannedWeeklyHours?: number;
  reductionReason?: 'HEALTH' | 'DISABILITY' | 'CHILDCARE' | 'CARING';
  territoryId?: string | null;
  referentId?: string | null;
  startsOn: string;
  /** The default end of a CER unless given. */
  endsOn?: string;
  status?: StoredStatus;
  /** The start, unless a draft (none) or given. */
  signedOn?: string | null;
  renewedFromId?: string;
  /** One objective per status given, in order. */
  objectives?: CommitmentStatus[];
}

/** A CER or a contrat d'engagement (and its objectives), written directly, for figures that need many of them. */
export async function newEngagementContract(em: EntityManager, o: EngagementContractOptions): Promise<string> {
  const id = randomUUID();
  const status = o.status ?? 'SIGNED';
  const engagement = o.kind === 'CONTRAT_ENGAGEMENT';
  em.create(EngagementContractEntity, {
    id,
    departmentCode: o.departmentCode,
    beneficiaryId: o.beneficiaryId ?? randomUUID(),
    accompanimentId: o.accompanimentId ?? null,
    referentId: o.referentId ?? null,
    operatorId: null,
    territoryId: o.territoryId ?? null,
    kind: o.kind ?? 'CER',
    startsOn: o.startsOn,
    endsOn: o.endsOn ?? defaultEndsOn(o.kind ?? 'CER', o.startsOn),
    status,
    signedOn: o.signedOn === undefined ? (status === 'DRAFT' ? null : o.startsOn) : o.signedOn,
    renewalRequestedOn: status === 'RENEWAL_REQUESTED' ? o.startsOn : null,
    renewedFromId: o.renewedFromId ?? null,
    finalAssessment: null,
    track: engagement ? 'SOCIO_PRO' : null,
    plannedWeeklyHours: engagement ? (o.plannedWeeklyHours ?? 15) : null,
    reductionReason: o.reductionReason ?? null,
    reductionJustification: o.reductionReason ? 'Justification' : null,
    convertedFromId: null,
    convertedToId: null,
    createdAt: new Date(),
    updatedAt: new Date(),
  });
  // The contract first: its objectives refer to it.
  await em.flush();
  (o.objectives ?? []).forEach((status, position) =>
    em.create(ContractCommitmentEntity, { id: randomUUID(), departmentCode: o.departmentCode, contractId: id, position, theme: 'HEALTH', kind: 'OBJECTIVE', party: 'BENEFICIARY', description: 'Objectif', status, assessment: null }),
  );
  await em.flush();
  return id;
}
