import { randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { configureIdentityKey, encryptIdentity, identityDigest, nameIndex, type IdentityFields } from '../identity/identity.cipher.js';
import { PublicationRepository } from '../publication/publication.repository.js';

/** Every test file uses its own random key: identities are only ever read back through the service. */
export function useTestIdentityKey(): void {
  configureIdentityKey(randomBytes(32));
}

export interface PersonOptions {
  departmentCode: string;
  communeCode: string;
  territoryId?: string | null;
  sex?: 'F' | 'M';
  difficulties?: string[];
  identity?: IdentityFields;
}

/** A person (and, when given, their encrypted identity), written directly: factories, not fixtures. */
export async function newPerson(em: EntityManager, o: PersonOptions): Promise<string> {
  const id = randomUUID();
  await em.execute(
    `insert into beneficiaries.beneficiary (id, department_code, commune_code, territory_id, sex, birth_year, household_type, rsa_entry_date, orientation_kind, psychological_difficulties)
     values (?, ?, ?, ?, ?, 1980, 'SINGLE', '2018-03-01', 'SOCIAL', ?::text[])`,
    [id, o.departmentCode, o.communeCode, o.territoryId ?? null, o.sex ?? 'F', `{${(o.difficulties ?? []).join(',')}}`],
  );
  if (o.identity) {
    await em.execute(`insert into beneficiaries.beneficiary_identity (beneficiary_id, department_code, ciphertext, digest, name_index) values (?, ?, decode(?, 'base64'), ?, ?::text[])`, [
      id,
      o.departmentCode,
      encryptIdentity(o.identity).toString('base64'),
      identityDigest(o.identity),
      `{${nameIndex(o.identity).join(',')}}`,
    ]);
  }
  return id;
}

export interface AccompanimentOptions {
  departmentCode: string;
  beneficiaryId: string;
  programmeId?: string;
  operatorId?: string;
  conventionId?: string | null;
  territoryId?: string | null;
  referentId?: string | null;
  prescriberId?: string | null;
  prescribedOn: string;
  validatedOn?: string | null;
  startedOn?: string | null;
  finalReviewOn?: string | null;
  endedOn?: string | null;
  exitReason?: string | null;
  exitSubReason?: string | null;
}

export async function newAccompaniment(em: EntityManager, o: AccompanimentOptions): Promise<string> {
  const id = randomUUID();
  await em.execute(
    `insert into beneficiaries.accompaniment (id, department_code, beneficiary_id, programme_id, operator_id, convention_id, territory_id, referent_id, prescriber_id,
       prescribed_on, validated_on, started_on, final_review_on, ended_on, exit_reason, exit_sub_reason)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      id,
      o.departmentCode,
      o.beneficiaryId,
      o.programmeId ?? randomUUID(),
      o.operatorId ?? randomUUID(),
      o.conventionId ?? null,
      o.territoryId ?? null,
      o.referentId ?? null,
      o.prescriberId ?? null,
      o.prescribedOn,
      o.validatedOn ?? (o.startedOn ? o.prescribedOn : null),
      o.startedOn ?? null,
      o.finalReviewOn ?? null,
      o.endedOn ?? null,
      o.exitReason ?? null,
      o.exitSubReason ?? null,
    ],
  );
  return id;
}

/** An orientation decided by the Département (notified or not), written directly. */
export async function newOrientation(
  em: EntityManager,
  o: { departmentCode: string; beneficiaryId: string; track: string; decidedOn: string; notifiedOn: string | null },
): Promise<string> {
  const id = randomUUID();
  await em.execute(
    `insert into beneficiaries.orientation (id, department_code, beneficiary_id, track, lead_kind, decided_on, notified_on, source, recorded_by)
     values (?, ?, ?, ?, 'DEPARTMENT', ?, ?, 'DEPARTMENT', 'test')`,
    [id, o.departmentCode, o.beneficiaryId, o.track, o.decidedOn, o.notifiedOn],
  );
  return id;
}

/** A referral of an accompaniment to some partner's service, written directly. */
export async function newReferral(
  em: EntityManager,
  o: { departmentCode: string; beneficiaryId: string; accompanimentId: string; status: string; sentOn: string; answeredOn: string | null },
): Promise<string> {
  const id = randomUUID();
  await em.execute(
    `insert into beneficiaries.referral (id, department_code, beneficiary_id, accompaniment_id, service_id, partner_id, status, sent_on, answered_on) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [id, o.departmentCode, o.beneficiaryId, o.accompanimentId, randomUUID(), randomUUID(), o.status, o.sentOn, o.answeredOn],
  );
  return id;
}

export async function newAppointment(
  em: EntityManager,
  o: { departmentCode: string; accompanimentId: string; beneficiaryId: string; kind: string; scheduledOn: string; status: string },
): Promise<string> {
  const id = randomUUID();
  await em.execute(
    `insert into beneficiaries.appointment (id, department_code, accompaniment_id, beneficiary_id, kind, scheduled_on, status) values (?, ?, ?, ?, ?, ?, ?)`,
    [id, o.departmentCode, o.accompanimentId, o.beneficiaryId, o.kind, o.scheduledOn, o.status],
  );
  return id;
}

/** A commune of the Département (the first by code), from the shared reference geography. */
export async function firstCommune(em: EntityManager, departmentCode: string, offset = 0): Promise<string> {
  const rows: { code: string }[] = await em.execute(`select code from ref.commune where department_code = ? order by code limit 1 offset ?`, [departmentCode, offset]);
  return rows[0]!.code;
}

/**
 * A stored publication whose grid holds every crossing by month and whose figures were never
 * computed: the linked counts read « non publié à ce niveau », and the statistics that are not
 * linked counts (delays, adherence, difficulties…) get their per-query suppression on every scope
 * and period. For tests of those statistics; the job's own figures are tested in publication.test.ts.
 */
export async function storeOpenGrid(em: EntityManager, departmentCode: string): Promise<void> {
  await new PublicationRepository(em).save({
    departmentCode,
    asOf: '2099-12-31',
    throughMonth: '2099-12',
    computedAt: new Date().toISOString(),
    grid: { name: 'toutes les croisées par mois (test)', crossings: 3, finest: ['MONTH', 'MONTH', 'MONTH', 'MONTH'] },
    firstMonth: '2000-01',
    shown: {},
    hidden: {},
    tried: [],
    report: null,
    released: {},
  }, null);
}

/** A tiny deterministic generator (LCG) for generated test populations, independent of the product's own: `n` → an integer in [0, n). */
export function lcg(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return Math.floor((s / 2147483648) * n);
  };
}
