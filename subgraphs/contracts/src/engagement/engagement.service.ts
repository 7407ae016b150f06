import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  addDays,
  assertCan,
  daysBetween,
  parseIsoDate,
  parsePublishedPeriod,
  publishCount,
  publishGroup,
  recordAccess,
  Refusal,
  refusalOf,
  seesExactCounts,
  todayIso,
  UserFacingError,
  type Caller,
  type MutationError,
  type PeriodInput,
  type SubgraphContext,
} from '@passerelles/subgraph-kit';
import { ContractCommitmentEntity, ContractStatusChangeEntity, EngagementContractEntity, type ContractCommitment, type ContractStatusChange, type EngagementContract } from './engagement.entity.js';
import type { CreateContractInput, UpdateCommitmentInput } from './engagement.input.js';
import { NO_PARTNER, repositoryAccess } from '../access.js';
import { EngagementRepository, type ContractAccess } from './engagement.repository.js';
import { defaultEndsOn, effectiveStatus, renewalOpensOn, type StoredStatus } from './engagement.rules.js';
import type { ContractAlertType, ContractIndicatorsType, EngagementContractType, TerritoryContractIndicatorsType } from './engagement.type.js';

const RECORD = 'EngagementContract';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const contractsById = Symbol('contractsById');
const contractsByBeneficiary = Symbol('contractsByBeneficiary');
const commitmentsByContract = Symbol('commitmentsByContract');
const historyByContract = Symbol('historyByContract');

/**
 * Contracts are nominative. ADMIN sees every contract of the Département; a REFERENT those they
 * follow; an OPERATOR those of its partner. STEERING (aggregates only) and PRESCRIBER never read
 * them. Territory-limited callers see only their territories.
 */
export function contractAccess(caller: Caller): ContractAccess {
  return repositoryAccess(caller, assertCan(caller, 'contract:read'));
}

export function toContractType(c: EngagementContract, today = todayIso()): EngagementContractType {
  return {
    id: c.id,
    kind: c.kind,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    status: effectiveStatus(c.status, c.startsOn, c.endsOn, today),
    signedOn: c.signedOn ?? null,
    renewalRequestedOn: c.renewalRequestedOn ?? null,
    renewalOpensOn: renewalOpensOn(c.startsOn),
    renewedFromId: c.renewedFromId ?? null,
    finalAssessment: c.finalAssessment ?? null,
    referentId: c.referentId ?? null,
    operatorId: c.operatorId ?? null,
    accompanimentId: c.accompanimentId ?? null,
  };
}

/** A contract the caller may see, batched and audited (one audit line per batch). */
export function contractById(ctx: SubgraphContext, id: string): Promise<EngagementContractType | null> {
  const access = contractAccess(ctx.caller);
  if (!UUID.test(id)) return Promise.resolve(null);
  return ctx.loaders
    .get<string, EngagementContractType | null>(contractsById, async (ids) => {
      const rows = await new EngagementRepository(ctx.em).byIds(access, ids);
      await recordAccess(ctx, { operation: 'READ', recordType: RECORD, recordIds: rows.map((r) => r.id) });
      const index = new Map(rows.map((r) => [r.id, toContractType(r)]));
      return ids.map((i) => index.get(i) ?? null);
    })
    .load(id);
}

/** A person's contracts, newest first (batched over people, audited). */
export function contractsOfBeneficiary(ctx: SubgraphContext, beneficiaryId: string): Promise<EngagementContractType[]> {
  const access = contractAccess(ctx.caller);
  return ctx.loaders
    .get<string, EngagementContractType[]>(contractsByBeneficiary, async (ids) => {
      const rows = await new EngagementRepository(ctx.em).byBeneficiaries(access, ids);
      await recordAccess(ctx, { operation: 'READ', recordType: RECORD, recordIds: rows.map((r) => r.id) });
      return ids.map((b) => rows.filter((r) => r.beneficiaryId === b).map((r) => toContractType(r)));
    })
    .load(beneficiaryId);
}

/** Commitments of a contract already read (and audited) by the caller. */
export function commitmentsOf(ctx: SubgraphContext, contractId: string): Promise<ContractCommitment[]> {
  const department = ctx.caller.departmentCode;
  return ctx.loaders
    .get<string, ContractCommitment[]>(commitmentsByContract, async (ids) => {
      const rows = await new EngagementRepository(ctx.em).commitments(department, ids);
      return ids.map((id) => rows.filter((r) => r.contractId === id));
    })
    .load(contractId);
}

export function historyOf(ctx: SubgraphContext, contractId: string): Promise<ContractStatusChange[]> {
  const department = ctx.caller.departmentCode;
  return ctx.loaders
    .get<string, ContractStatusChange[]>(historyByContract, async (ids) => {
      const rows = await new EngagementRepository(ctx.em).statusHistory(department, ids);
      return ids.map((id) => rows.filter((r) => r.contractId === id));
    })
    .load(contractId);
}


/** CER ending within `withinDays` days with no renewal requested, and CER past month 5 with no renewal request. */
export async function contractAlerts(ctx: SubgraphContext, asOf: string | null, withinDays: number): Promise<ContractAlertType[]> {
  const access = contractAccess(ctx.caller);
  if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > 365) throw new UserFacingError('withinDays must be between 0 and 365.', 'BAD_USER_INPUT', { argument: 'withinDays' });
  const day = asOf ? parseIsoDate(asOf, 'asOf') : todayIso();
  const rows = await new EngagementRepository(ctx.em).alerts(access, day, withinDays);
  const contracts = await Promise.all(rows.map((r) => contractById(ctx, r.contractId)));
  return rows.map((r, i) => ({ kind: r.kind, beneficiaryId: r.beneficiaryId, daysLeft: daysBetween(day, r.endsOn), contract: contracts[i]! }));
}

/**
 * CER indicators over a period, with small-count suppression (kit). ADMIN and STEERING count the
 * Département (or one territory), an OPERATOR its own contracts, a REFERENT their own caseload.
 */
export async function contractIndicators(ctx: SubgraphContext, scope: { territoryId?: string | null; operatorId?: string | null }, period: PeriodInput): Promise<ContractIndicatorsType> {
  const caller = ctx.caller;
  const access = repositoryAccess(caller, assertCan(caller, 'contractIndicators:read'));
  const { from, to } = parsePublishedPeriod(period, { exact: seesExactCounts(caller) });
  if (access.operatorId === undefined && scope.operatorId) access.operatorId = scope.operatorId;
  if (scope.territoryId) {
    const allowed = caller.territoryIds.length === 0 || caller.territoryIds.includes(scope.territoryId);
    access.territoryIds = [allowed ? scope.territoryId : '\u0000none'];
  }
  const r = await new EngagementRepository(ctx.em).indicators(access, from, to);
  const exact = seesExactCounts(caller);
  const objectives = publishGroup(
    [
      { key: 'done', count: r.objectivesDone },
      { key: 'other', count: r.objectives - r.objectivesDone },
    ],
    exact,
  );
  const done = objectives.cells[0]!.count;
  return {
    cerSigned: publishCount(r.signed, exact),
    cerActive: publishCount(r.active, exact),
    cerRenewed: publishCount(r.renewed, exact),
    objectives: objectives.total,
    objectivesDone: done,
    objectivesDonePercent: done.value !== null && objectives.total.value ? Math.round((done.value * 100) / objectives.total.value) : null,
    counted: { access, from, to },
  };
}

/**
 * CER signed per territory, for the same contracts as the indicators they belong to: one
 * statement; suppressed as a group across territories (its total, `cerSigned`, is published).
 */
export async function cerSignedByTerritory(ctx: SubgraphContext, indicators: ContractIndicatorsType): Promise<TerritoryContractIndicatorsType[]> {
  if (!indicators.counted) return [];
  const { access, from, to } = indicators.counted;
  const rows = await new EngagementRepository(ctx.em).signedByTerritory(access, from, to);
  const group = publishGroup(
    rows.map((r) => ({ key: r.territoryId ?? '', count: r.count })),
    seesExactCounts(ctx.caller),
  );
  return group.cells.filter((c) => c.key !== '').map((c) => ({ territoryId: c.key, cerSigned: c.count })).sort((a, b) => a.territoryId.localeCompare(b.territoryId));
}

// ── Writes ──────────────────────────────────────────────────────────────────────────────────

export interface ContractMutationResult {
  ok: boolean;
  error: MutationError | null;
  contract: EngagementContractType | null;
}

async function write(ctx: SubgraphContext, operation: 'CREATE' | 'UPDATE', change: (em: EntityManager, access: ContractAccess) => Promise<EngagementContract>): Promise<ContractMutationResult> {
  const access = contractAccess(ctx.caller);
  try {
    const contract = await ctx.em.transactional((em) => change(em, access));
    await recordAccess(ctx, { operation, recordType: RECORD, recordIds: [contract.id] });
    return { ok: true, error: null, contract: toContractType(contract) };
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal) return { ok: false, error: refusal, contract: null };
    throw error;
  }
}

function history(em: EntityManager, ctx: SubgraphContext, contract: EngagementContract, status: StoredStatus, on: string): void {
  em.create(ContractStatusChangeEntity, { departmentCode: contract.departmentCode, contractId: contract.id, status, changedOn: on, changedBy: ctx.caller.userId, changedAt: new Date() });
}

async function load(em: EntityManager, access: ContractAccess, id: string): Promise<EngagementContract> {
  const [contract] = !UUID.test(id) ? [] : await new EngagementRepository(em).byIds(access, [id]);
  if (!contract) throw new Refusal('NOT_FOUND', 'No such contract among those you may see.');
  return contract;
}

/** Refuses a CER whose period overlaps another engaged CER of the same person. */
async function assertNoOverlap(em: EntityManager, contract: { id: string; departmentCode: string; beneficiaryId: string; kind: string; startsOn: string; endsOn: string }): Promise<void> {
  if (contract.kind !== 'CER') return;
  const repository = new EngagementRepository(em);
  await repository.lockBeneficiary(contract.departmentCode, contract.beneficiaryId);
  const clash = await repository.overlappingCer(contract.departmentCode, contract.beneficiaryId, contract.startsOn, contract.endsOn, contract.id);
  if (clash.length > 0) throw new Refusal('OVERLAPPING_CER', 'This person already has a CER over part of this period.');
}

/**
 * Refuses a contract for an accompaniment that has ended (beneficiaries told us, ADR 0021), under
 * the person's lock: the exit's event and this write cannot cross.
 */
async function assertAccompanimentOpen(em: EntityManager, departmentCode: string, beneficiaryId: string, accompanimentId: string | null): Promise<void> {
  if (!accompanimentId) return;
  const repository = new EngagementRepository(em);
  await repository.lockBeneficiary(departmentCode, beneficiaryId);
  if (await repository.isClosed(departmentCode, accompanimentId)) {
    throw new Refusal('ACCOMPANIMENT_ENDED', 'This accompaniment has ended (exit recorded): a new contract needs a new accompaniment.', 'accompanimentId');
  }
}

function datesInOrder(startsOn: string, endsOn: string): void {
  if (endsOn <= startsOn) throw new Refusal('DATES_OUT_OF_ORDER', 'The end must come after the start.');
}

export function createContract(ctx: SubgraphContext, input: CreateContractInput): Promise<ContractMutationResult> {
  return write(ctx, 'CREATE', async (em) => {
    const caller = ctx.caller;
    const startsOn = parseIsoDate(input.startsOn, 'startsOn');
    const endsOn = input.endsOn ? parseIsoDate(input.endsOn, 'endsOn') : defaultEndsOn(input.kind, startsOn);
    datesInOrder(startsOn, endsOn);
    const signedOn = input.signedOn ? parseIsoDate(input.signedOn, 'signedOn') : null;
    if (signedOn && signedOn > endsOn) throw new Refusal('SIGNED_AFTER_END', 'The signature cannot come after the end.');
    if (input.commitments.some((c) => c.description.trim() === '')) throw new Refusal('EMPTY_COMMITMENT', 'Every commitment needs a description.');
    if (input.accompanimentId && !UUID.test(input.accompanimentId)) throw new Refusal('INVALID_ID', 'accompanimentId must be an accompaniment’s id.', 'accompanimentId');
    await assertAccompanimentOpen(em, caller.departmentCode, input.beneficiaryId, input.accompanimentId ?? null);
    const id = randomUUID();
    // Signed at creation: the overlap check and the insert share the transaction (and the person's lock).
    if (signedOn) await assertNoOverlap(em, { id, departmentCode: caller.departmentCode, beneficiaryId: input.beneficiaryId, kind: input.kind, startsOn, endsOn });
    const contract = em.create(EngagementContractEntity, {
      id,
      departmentCode: caller.departmentCode,
      beneficiaryId: input.beneficiaryId,
      accompanimentId: input.accompanimentId ?? null,
      // A référent or an operator writes contracts only for themselves.
      referentId: caller.role === 'REFERENT' ? caller.userId : (input.referentId ?? null),
      operatorId: caller.role === 'OPERATOR' ? (caller.partnerId ?? NO_PARTNER) : (input.operatorId ?? null),
      territoryId: input.territoryId ?? null,
      kind: input.kind,
      startsOn,
      endsOn,
      status: signedOn ? 'SIGNED' : 'DRAFT',
      signedOn,
      renewalRequestedOn: null,
      renewedFromId: null,
      finalAssessment: null,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    // The commitments and history refer to the contract: insert it first.
    await em.flush();
    input.commitments.forEach((c, position) =>
      em.create(ContractCommitmentEntity, { id: randomUUID(), departmentCode: caller.departmentCode, contractId: id, position, theme: c.theme, kind: c.kind, party: c.party, description: c.description, status: 'PLANNED', assessment: null }),
    );
    if (signedOn) history(em, ctx, contract, 'SIGNED', signedOn);
    else history(em, ctx, contract, 'DRAFT', todayIso());
    await em.flush();
    return contract;
  });
}

export function signContract(ctx: SubgraphContext, id: string, signedOn: string): Promise<ContractMutationResult> {
  return write(ctx, 'UPDATE', async (em, access) => {
    const contract = await load(em, access, id);
    if (contract.status !== 'DRAFT') throw new Refusal('NOT_A_DRAFT', 'Only a draft can be signed.');
    await assertAccompanimentOpen(em, contract.departmentCode, contract.beneficiaryId, contract.accompanimentId ?? null);
    await assertNoOverlap(em, contract);
    contract.status = 'SIGNED';
    contract.signedOn = parseIsoDate(signedOn, 'signedOn');
    history(em, ctx, contract, 'SIGNED', contract.signedOn);
    await em.flush();
    return contract;
  });
}

/** Renewal may be requested from month 5 of a signed CER, until its last day. */
export function requestRenewal(ctx: SubgraphContext, id: string, on: string): Promise<ContractMutationResult> {
  return write(ctx, 'UPDATE', async (em, access) => {
    const contract = await load(em, access, id);
    const day = parseIsoDate(on, 'on');
    if (contract.status !== 'SIGNED') throw new Refusal('NOT_SIGNED', 'Only a signed contract in force can be renewed.');
    await assertAccompanimentOpen(em, contract.departmentCode, contract.beneficiaryId, contract.accompanimentId ?? null);
    if (day < renewalOpensOn(contract.startsOn)) throw new Refusal('TOO_EARLY_FOR_RENEWAL', `Renewal can be requested from ${renewalOpensOn(contract.startsOn)} (month 5).`);
    if (day > contract.endsOn) throw new Refusal('CONTRACT_ENDED', 'The contract has ended: sign a new one.');
    contract.status = 'RENEWAL_REQUESTED';
    contract.renewalRequestedOn = day;
    history(em, ctx, contract, 'RENEWAL_REQUESTED', day);
    await em.flush();
    return contract;
  });
}

/** Signs the renewal: a new contract from the day after the old one ends, carrying over the commitments not done. */
export function renewContract(ctx: SubgraphContext, id: string, signedOn: string, endsOn: string | null): Promise<ContractMutationResult> {
  return write(ctx, 'CREATE', async (em, access) => {
    const previous = await load(em, access, id);
    if (previous.status !== 'RENEWAL_REQUESTED') throw new Refusal('RENEWAL_NOT_REQUESTED', 'Request the renewal first.');
    await assertAccompanimentOpen(em, previous.departmentCode, previous.beneficiaryId, previous.accompanimentId ?? null);
    const day = parseIsoDate(signedOn, 'signedOn');
    const startsOn = addDays(previous.endsOn, 1);
    const end = endsOn ? parseIsoDate(endsOn, 'endsOn') : defaultEndsOn(previous.kind, startsOn);
    datesInOrder(startsOn, end);
    const next = em.create(EngagementContractEntity, {
      ...previous,
      id: randomUUID(),
      startsOn,
      endsOn: end,
      status: 'SIGNED',
      signedOn: day,
      renewalRequestedOn: null,
      renewedFromId: previous.id,
      finalAssessment: null,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    await em.flush();
    await assertNoOverlap(em, next);
    previous.status = 'RENEWED';
    history(em, ctx, previous, 'RENEWED', day);
    history(em, ctx, next, 'SIGNED', day);
    const open = (await new EngagementRepository(em).commitments(previous.departmentCode, [previous.id])).filter((c) => c.status === 'PLANNED' || c.status === 'IN_PROGRESS');
    open.forEach((c, position) => em.create(ContractCommitmentEntity, { ...c, id: randomUUID(), contractId: next.id, position, assessment: null }));
    await em.flush();
    return next;
  });
}

/** Ends a contract (early or at term) with its final assessment; the end date becomes the day it ended. */
export function endContract(ctx: SubgraphContext, id: string, endedOn: string, finalAssessment: string): Promise<ContractMutationResult> {
  return write(ctx, 'UPDATE', async (em, access) => {
    const contract = await load(em, access, id);
    const day = parseIsoDate(endedOn, 'endedOn');
    if (contract.status !== 'SIGNED' && contract.status !== 'RENEWAL_REQUESTED') throw new Refusal('NOT_IN_FORCE', 'Only a signed contract can be ended.');
    if (day <= contract.startsOn) throw new Refusal('DATES_OUT_OF_ORDER', 'The end must come after the start.');
    if (day < contract.endsOn) contract.endsOn = day;
    contract.status = 'ENDED';
    contract.finalAssessment = finalAssessment;
    history(em, ctx, contract, 'ENDED', day);
    await em.flush();
    return contract;
  });
}

export function cancelContract(ctx: SubgraphContext, id: string, on: string): Promise<ContractMutationResult> {
  return write(ctx, 'UPDATE', async (em, access) => {
    const contract = await load(em, access, id);
    if (contract.status !== 'DRAFT' && contract.status !== 'SIGNED') throw new Refusal('CANNOT_CANCEL', 'Only a draft or a signed contract can be cancelled.');
    contract.status = 'CANCELLED';
    history(em, ctx, contract, 'CANCELLED', parseIsoDate(on, 'on'));
    await em.flush();
    return contract;
  });
}

export function updateCommitment(ctx: SubgraphContext, input: UpdateCommitmentInput): Promise<ContractMutationResult> {
  return write(ctx, 'UPDATE', async (em, access) => {
    const commitment = UUID.test(input.commitmentId) ? await em.findOne(ContractCommitmentEntity, { departmentCode: ctx.caller.departmentCode, id: input.commitmentId }) : null;
    if (!commitment) throw new Refusal('NOT_FOUND', 'No such commitment.');
    const contract = await load(em, access, commitment.contractId);
    commitment.status = input.status;
    if (input.assessment !== undefined) commitment.assessment = input.assessment ?? null;
    await em.flush();
    return contract;
  });
}
