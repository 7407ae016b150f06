import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CofundingShareEntity, type Funder } from '../cofunding/cofunding.entity.js';
import { FundingCommitmentEntity } from '../commitment/commitment.entity.js';
import { PaymentEntity, type PaymentKind, type PaymentStatus } from '../payment/payment.entity.js';
import { ProgrammeEntity } from '../programme/programme.entity.js';
import { FinalReportEntity } from '../report/report.entity.js';

/** A programme, written directly: factories, not fixtures. */
export async function newProgramme(em: EntityManager, o: { departmentCode: string; id?: string; name?: string }): Promise<string> {
  const id = o.id ?? randomUUID();
  em.create(ProgrammeEntity, { id, departmentCode: o.departmentCode, name: o.name ?? `Programme ${id.slice(0, 8)}`, description: '', createdAt: new Date() });
  await em.flush();
  return id;
}

export interface CommitmentOptions {
  departmentCode: string;
  id?: string;
  programmeId: string;
  conventionId: string;
  amountCents: number;
  budgetYear?: number;
  /** Who pays which part; the shares should add up to the amount. */
  cofunding?: { funder: Funder; amountCents: number }[];
}

/** Money committed to a convention, and its co-funding shares when given. */
export async function newCommitment(em: EntityManager, o: CommitmentOptions): Promise<string> {
  const id = o.id ?? randomUUID();
  em.create(FundingCommitmentEntity, { id, departmentCode: o.departmentCode, programmeId: o.programmeId, conventionId: o.conventionId, amountCents: o.amountCents, budgetYear: o.budgetYear ?? 2026, createdAt: new Date() });
  // The commitment first: its shares refer to it.
  await em.flush();
  for (const share of o.cofunding ?? []) em.create(CofundingShareEntity, { commitmentId: id, funder: share.funder, departmentCode: o.departmentCode, amountCents: share.amountCents });
  await em.flush();
  return id;
}

export interface PaymentOptions {
  departmentCode: string;
  conventionId: string;
  kind: PaymentKind;
  amountCents: number;
  dueOn: string;
  status: PaymentStatus;
  paidOn?: string | null;
}

export async function newPayment(em: EntityManager, o: PaymentOptions): Promise<string> {
  const id = randomUUID();
  em.create(PaymentEntity, { id, departmentCode: o.departmentCode, conventionId: o.conventionId, kind: o.kind, amountCents: o.amountCents, dueOn: o.dueOn, status: o.status, paidOn: o.paidOn ?? null, createdAt: new Date() });
  await em.flush();
  return id;
}

/** A convention's final report, received or still awaited (`receivedOn` null). */
export async function newFinalReport(
  em: EntityManager,
  o: { departmentCode: string; conventionId: string; dueOn: string; receivedOn?: string | null; closing?: { caseload: number; places: number } },
): Promise<void> {
  em.create(FinalReportEntity, {
    conventionId: o.conventionId,
    departmentCode: o.departmentCode,
    dueOn: o.dueOn,
    receivedOn: o.receivedOn ?? null,
    placesContracted: null,
    placesFilled: null,
    peopleAccompanied: null,
    indicators: {},
    closingCaseload: o.closing?.caseload ?? null,
    closingPlaces: o.closing?.places ?? null,
    closingRecordedAt: o.closing ? new Date() : null,
  });
  await em.flush();
}
