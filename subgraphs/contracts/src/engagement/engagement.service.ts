import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  addDays,
  assertCan,
  CONTRACT_SIGNED,
  daysBetween,
  enqueueEvent,
  kickOutbox,
  NOTHING_PUBLISHED,
  parseIsoDate,
  parsePublishedPeriod,
  narrowsReach,
  publishedYearOfReach,
  publishCount,
  publishGroup,
  recordAccess,
  Refusal,
  refusalOf,
  scopeOf,
  seesExactCounts,
  withinTerritories,
  todayIso,
  UserFacingError,
  type Caller,
  type ContractSigned,
  type MutationError,
  type PeriodInput,
  type SubgraphContext,
} from '@passerelles/subgraph-kit';
import {
  ContractActionEntity,
  ContractCommitmentEntity,
  ContractReviewEntity,
  ContractStatusChangeEntity,
  EngagementContractEntity,
  type ContractAction,
  type ContractCommitment,
  type ContractStatusChange,
  type EngagementContract,
} from './engagement.entity.js';
import type { ConvertCerInput, CreateContractInput, EngagementPlanInput, UpdateCommitmentInput } from './engagement.input.js';
import { NO_PARTNER, repositoryAccess } from '../access.js';
import { EngagementRepository, type ContractAccess } from './engagement.repository.js';
import {
  contractWeeks,
  defaultEndsOn,
  effectiveStatus,
  MAX_ACTION_WEEKLY_HOURS,
  MIN_WEEKLY_HOURS,
  needsReduction,
  plannedWeeklyHours,
  renewalOpensOn,
  type ContractKind,
  type ReductionReason,
  ENGAGEMENT_KINDS,
  type StoredStatus,
  type Track,
} from './engagement.rules.js';
import type { ContractAlertType, ContractIndicatorsType, EngagementContractType, TerritoryContractIndicatorsType } from './engagement.type.js';

const RECORD = 'EngagementContract';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const contractsById = Symbol('contractsById');
const contractsByBeneficiary = Symbol('contractsByBeneficiary');
const commitmentsByContract = Symbol('commitmentsByContract');
const historyByContract = Symbol('historyByContract');
const actionsByContract = Symbol('actionsByContract');
const reviewsByContract = Symbol('reviewsByContract');

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
    track: c.track ?? null,
    plannedWeeklyHours: c.plannedWeeklyHours === null || c.plannedWeeklyHours === undefined ? null : Number(c.plannedWeeklyHours),
    reductionReason: c.reductionReason ?? null,
    reductionJustification: c.reductionJustification ?? null,
    convertedFromId: c.convertedFromId ?? null,
    convertedToId: c.convertedToId ?? null,
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

/** Rows of contracts already read (and audited) by the caller, batched over contracts, in the repository's order. */
function perContract<T extends { contractId: string }>(ctx: SubgraphContext, key: symbol, contractId: string, rows: (repository: EngagementRepository, department: string, ids: readonly string[]) => Promise<T[]>): Promise<T[]> {
  const department = ctx.caller.departmentCode;
  return ctx.loaders
    .get<string, T[]>(key, async (ids) => {
      const found = await rows(new EngagementRepository(ctx.em), department, ids);
      return ids.map((id) => found.filter((r) => r.contractId === id));
    })
    .load(contractId);
}

/** Commitments of a contract, in order. */
export const commitmentsOf = (ctx: SubgraphContext, contractId: string): Promise<ContractCommitment[]> => perContract(ctx, commitmentsByContract, contractId, (r, d, ids) => r.commitments(d, ids));

export const historyOf = (ctx: SubgraphContext, contractId: string): Promise<ContractStatusChange[]> => perContract(ctx, historyByContract, contractId, (r, d, ids) => r.statusHistory(d, ids));

/** Actions of a contrat d'engagement, in order. */
export const actionsOf = (ctx: SubgraphContext, contractId: string): Promise<ContractAction[]> => perContract(ctx, actionsByContract, contractId, (r, d, ids) => r.actions(d, ids));

/** Planned review days of a contract, in order. */
export async function reviewDatesOf(ctx: SubgraphContext, contractId: string): Promise<string[]> {
  return (await perContract(ctx, reviewsByContract, contractId, (r, d, ids) => r.reviews(d, ids))).map((r) => r.plannedOn);
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
 * CER and contrat d'engagement indicators over a period, with small-count suppression (kit). ADMIN and STEERING count the
 * Département (or one territory), an OPERATOR its own contracts, a REFERENT their own caseload.
 *
 * Callers without exact counts read them only for their whole reach over a closed calendar year
 * (`publishedYearOfReach`, ADR 0023 « time »: never the current year cut at today, which grows by a
 * day's signatures from one day to the next), each year's figures suppressed as groups (renewed and first
 * CER, objectives done and not, contracts under 15 h and not), with no stock: the CER in force at
 * a year's end would give, with its signatures, those that ended.
 */
export async function contractIndicators(ctx: SubgraphContext, scope: { territoryId?: string | null; operatorId?: string | null }, period: PeriodInput): Promise<ContractIndicatorsType> {
  const caller = ctx.caller;
  const reach = assertCan(caller, 'contractIndicators:read');
  const access = repositoryAccess(caller, reach);
  const exact = seesExactCounts(caller);
  const { from, to } = parsePublishedPeriod(period, { exact });
  if (!publishedYearOfReach({ exact, period: { from, to }, scopeChosen: narrowsReach(reach, scope) })) return notPublishedContractIndicators();
  if (access.operatorId === undefined && scope.operatorId) access.operatorId = scope.operatorId;
  if (scope.territoryId) access.territoryIds = [withinTerritories(reach, scope.territoryId) ? scope.territoryId : '\u0000none'];
  const repository = new EngagementRepository(ctx.em);
  const r = await repository.indicators(access, from, to);
  const e = await repository.engagementIndicators(access, from, to);
  // Those below 15 h and the others add up to those signed: suppressed as one group.
  const engagement = publishGroup(
    [
      { key: 'reduced', count: e.reduced },
      { key: 'full', count: e.signed - e.reduced },
    ],
    exact,
  );
  const signed = engagement.total;
  const objectives = publishGroup(
    [
      { key: 'done', count: r.objectivesDone },
      { key: 'other', count: r.objectives - r.objectivesDone },
    ],
    exact,
  );
  const done = objectives.cells[0]!.count;
  // Renewals and first CER add up to those signed: one group, so neither is their difference.
  const cer = publishGroup(
    [
      { key: 'renewed', count: r.renewed },
      { key: 'first', count: r.signed - r.renewed },
    ],
    exact,
  );
  return {
    cerSigned: cer.total,
    // A stock would give, with the year's signatures, the CER that ended: exact callers only.
    cerActive: exact ? publishCount(r.active, exact) : NOTHING_PUBLISHED(),
    cerRenewed: cer.cells[0]!.count,
    objectives: objectives.total,
    objectivesDone: done,
    objectivesDonePercent: done.value !== null && objectives.total.value ? Math.round((done.value * 100) / objectives.total.value) : null,
    engagementSigned: signed,
    engagementReduced: engagement.cells[0]!.count,
    // A median says something of each contract counted: only over a published, non-zero base.
    engagementMedianWeeklyHours: signed.value && e.medianWeeklyHours !== null ? Math.round(e.medianWeeklyHours * 10) / 10 : null,
    counted: { access, from, to },
  };
}

/** Every contract figure « non publié à ce niveau », and no territory row. */
function notPublishedContractIndicators(): ContractIndicatorsType {
  return {
    cerSigned: NOTHING_PUBLISHED(),
    cerActive: NOTHING_PUBLISHED(),
    cerRenewed: NOTHING_PUBLISHED(),
    objectives: NOTHING_PUBLISHED(),
    objectivesDone: NOTHING_PUBLISHED(),
    objectivesDonePercent: null,
    engagementSigned: NOTHING_PUBLISHED(),
    engagementReduced: NOTHING_PUBLISHED(),
    engagementMedianWeeklyHours: null,
  };
}

/**
 * CER signed per territory, for the same contracts as the indicators they belong to: one
 * statement. Exact callers only: a territory's figures beside the Département's would be a table
 * with margins, which per-query suppression does not protect against differencing (ADR 0023).
 */
export async function cerSignedByTerritory(ctx: SubgraphContext, indicators: ContractIndicatorsType): Promise<TerritoryContractIndicatorsType[]> {
  if (!indicators.counted || !seesExactCounts(ctx.caller)) return [];
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

type Written = { operation: 'CREATE' | 'UPDATE'; contract: EngagementContract };

/** One change in one transaction, each contract it wrote audited after the commit; the last one is returned. */
async function writeAll(ctx: SubgraphContext, change: (em: EntityManager, access: ContractAccess) => Promise<Written[]>): Promise<ContractMutationResult> {
  const access = contractAccess(ctx.caller);
  try {
    const written = await ctx.em.transactional((em) => change(em, access));
    // A signature's event waits in the outbox: deliver it now rather than at the next poll.
    kickOutbox('contracts');
    for (const { operation, contract } of written) await recordAccess(ctx, { operation, recordType: RECORD, recordIds: [contract.id] });
    return { ok: true, error: null, contract: toContractType(written.at(-1)!.contract) };
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal) return { ok: false, error: refusal, contract: null };
    throw error;
  }
}

function write(ctx: SubgraphContext, operation: 'CREATE' | 'UPDATE', change: (em: EntityManager, access: ContractAccess) => Promise<EngagementContract>): Promise<ContractMutationResult> {
  return writeAll(ctx, async (em, access) => [{ operation, contract: await change(em, access) }]);
}

function history(em: EntityManager, ctx: SubgraphContext, contract: EngagementContract, status: StoredStatus, on: string): void {
  em.create(ContractStatusChangeEntity, { departmentCode: contract.departmentCode, contractId: contract.id, status, changedOn: on, changedBy: ctx.caller.userId, changedAt: new Date() });
}

/**
 * A signature: its history line, and the `contract-signed` event in the same transaction (ADR
 * 0021), which the outbox relay delivers to beneficiaries for the legal delay chain and the
 * CONTRACT_DUE alert. Every way a contract gets signed (created signed, a draft signed, a renewal,
 * a CER converted) goes through here.
 */
async function signed(em: EntityManager, ctx: SubgraphContext, contract: EngagementContract, on: string): Promise<void> {
  history(em, ctx, contract, 'SIGNED', on);
  const payload: ContractSigned = { contractId: contract.id, beneficiaryId: contract.beneficiaryId, accompanimentId: contract.accompanimentId ?? null, kind: contract.kind, signedOn: on };
  await enqueueEvent(em, 'contracts', { departmentCode: contract.departmentCode, topic: CONTRACT_SIGNED, key: contract.beneficiaryId, payload });
}

async function load(em: EntityManager, access: ContractAccess, id: string): Promise<EngagementContract> {
  const [contract] = !UUID.test(id) ? [] : await new EngagementRepository(em).byIds(access, [id]);
  if (!contract) throw new Refusal('NOT_FOUND', 'No such contract among those you may see.');
  return contract;
}

/**
 * Refuses a CER or contrat d'engagement whose period overlaps another engaged one of the same
 * person (a CER against a CER keeps its code, OVERLAPPING_CER).
 */
async function assertNoOverlap(em: EntityManager, contract: { id: string; departmentCode: string; beneficiaryId: string; kind: string; startsOn: string; endsOn: string }): Promise<void> {
  if (!ENGAGEMENT_KINDS.includes(contract.kind as ContractKind)) return;
  const repository = new EngagementRepository(em);
  await repository.lockBeneficiary(contract.departmentCode, contract.beneficiaryId);
  const clash = await repository.overlappingEngagements(contract.departmentCode, contract.beneficiaryId, contract.startsOn, contract.endsOn, contract.id);
  if (clash.length === 0) return;
  if (contract.kind === 'CER' && clash.every((c) => c.kind === 'CER')) throw new Refusal('OVERLAPPING_CER', 'This person already has a CER over part of this period.');
  throw new Refusal('OVERLAPPING_CONTRACT', 'This person already has a CER or a contrat d’engagement over part of this period (convert the CER instead).');
}

/** A contrat d'engagement's plan, checked: what the contract row and its actions and reviews get. */
interface Plan {
  track: Track | null;
  plannedWeeklyHours: number | null;
  reductionReason: ReductionReason | null;
  reductionJustification: string | null;
  actions: { serviceId: string | null; label: string; weeklyHours: number; weeks: number }[];
  reviewDates: string[];
}

/**
 * Checks a contrat d'engagement's plan (track, actions, reduction, review days) and computes its
 * planned weekly hours from the actions. A CER takes no plan: its rules are the 6 months, the
 * commitments and the renewal. Refusals name the plan's fields (`input.plan.…`).
 */
function planOf(kind: ContractKind, input: EngagementPlanInput | null | undefined, startsOn: string, endsOn: string): Plan {
  const at = 'input.plan';
  if (kind !== 'CONTRAT_ENGAGEMENT') {
    if (input) throw new Refusal('ONLY_FOR_CONTRAT_ENGAGEMENT', 'Only a contrat d’engagement has a plan (track, actions with hours): a CER lists commitments.', at);
    return { track: null, plannedWeeklyHours: null, reductionReason: null, reductionJustification: null, actions: [], reviewDates: [] };
  }
  if (!input) throw new Refusal('TRACK_REQUIRED', 'A contrat d’engagement records the orientation track it follows, in its plan.', `${at}.track`);
  const reviewDates = input.reviewDates.map((d, i) => {
    const day = parseIsoDate(d, `${at}.reviewDates.${i}`);
    if (day < startsOn || day > endsOn) throw new Refusal('REVIEW_OUTSIDE_CONTRACT', 'A review day must fall within the contract.', `${at}.reviewDates.${i}`);
    return day;
  });
  const weeks = contractWeeks(startsOn, endsOn);
  const actions = input.actions.map((a, i) => {
    const field = `${at}.actions.${i}`;
    const label = a.label.trim();
    if (label === '') throw new Refusal('EMPTY_ACTION', 'Every action needs a label (the service’s name or the free action).', `${field}.label`);
    if (a.serviceId && !UUID.test(a.serviceId)) throw new Refusal('INVALID_ID', 'serviceId must be a service’s id.', `${field}.serviceId`);
    if (!Number.isFinite(a.weeklyHours) || a.weeklyHours <= 0 || a.weeklyHours > MAX_ACTION_WEEKLY_HOURS || Math.round(a.weeklyHours * 10) !== a.weeklyHours * 10) {
      throw new Refusal('INVALID_HOURS', `Hours a week must be more than 0 and at most ${MAX_ACTION_WEEKLY_HOURS}, to the tenth.`, `${field}.weeklyHours`);
    }
    if (!Number.isInteger(a.weeks) || a.weeks < 1 || a.weeks > weeks) throw new Refusal('INVALID_WEEKS', `An action lasts from 1 week to the contract’s ${weeks} weeks.`, `${field}.weeks`);
    return { serviceId: a.serviceId ?? null, label, weeklyHours: a.weeklyHours, weeks: a.weeks };
  });
  const hours = plannedWeeklyHours(actions, startsOn, endsOn);
  const reason = input.reductionReason ?? null;
  const justification = input.reductionJustification?.trim() || null;
  if ((reason || justification) && !needsReduction(hours)) {
    throw new Refusal('REDUCTION_NOT_NEEDED', `The actions plan ${hours} hours a week: no reduction of the ${MIN_WEEKLY_HOURS} hours to justify.`, reason ? `${at}.reductionReason` : `${at}.reductionJustification`);
  }
  if (reason && !justification) throw new Refusal('REDUCTION_JUSTIFICATION_REQUIRED', 'A reduction of hours needs its justification.', `${at}.reductionJustification`);
  if (justification && !reason) throw new Refusal('REDUCTION_REASON_REQUIRED', 'A reduction of hours needs its coded reason.', `${at}.reductionReason`);
  return { track: input.track, plannedWeeklyHours: hours, reductionReason: reason, reductionJustification: justification, actions, reviewDates: [...new Set(reviewDates)].sort() };
}

/**
 * The 15-hour rule, at the signature: a contrat d'engagement planning fewer hours is signed only
 * with its reason and justification. `prefix` is where the form holds them ('input.plan.' or '').
 */
function assertHoursJustified(contract: { kind: string; plannedWeeklyHours?: number | null; reductionReason?: string | null }, prefix: string): void {
  if (contract.kind !== 'CONTRAT_ENGAGEMENT') return;
  const hours = Number(contract.plannedWeeklyHours ?? 0);
  if (needsReduction(hours) && !contract.reductionReason) {
    throw new Refusal('REDUCTION_REASON_REQUIRED', `The actions plan ${hours} hours a week, fewer than ${MIN_WEEKLY_HOURS}: give the reason of the reduction and its justification to sign.`, `${prefix}reductionReason`);
  }
}

/** The contract's own columns of a plan. */
const planColumns = (plan: Plan): Pick<Plan, 'track' | 'plannedWeeklyHours' | 'reductionReason' | 'reductionJustification'> => ({
  track: plan.track,
  plannedWeeklyHours: plan.plannedWeeklyHours,
  reductionReason: plan.reductionReason,
  reductionJustification: plan.reductionJustification,
});

/** Writes a contract's actions and review days (the contract is flushed first: they refer to it). */
function writePlan(em: EntityManager, contract: EngagementContract, plan: Plan): void {
  plan.actions.forEach((a, position) => em.create(ContractActionEntity, { id: randomUUID(), departmentCode: contract.departmentCode, contractId: contract.id, position, ...a }));
  plan.reviewDates.forEach((plannedOn) => em.create(ContractReviewEntity, { id: randomUUID(), departmentCode: contract.departmentCode, contractId: contract.id, plannedOn }));
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
    const reach = scopeOf(caller, 'contract:write');
    const startsOn = parseIsoDate(input.startsOn, 'startsOn');
    const endsOn = input.endsOn ? parseIsoDate(input.endsOn, 'endsOn') : defaultEndsOn(input.kind, startsOn);
    datesInOrder(startsOn, endsOn);
    const signedOn = input.signedOn ? parseIsoDate(input.signedOn, 'signedOn') : null;
    if (signedOn && signedOn > endsOn) throw new Refusal('SIGNED_AFTER_END', 'The signature cannot come after the end.');
    if (input.commitments.some((c) => c.description.trim() === '')) throw new Refusal('EMPTY_COMMITMENT', 'Every commitment needs a description.');
    if (input.accompanimentId && !UUID.test(input.accompanimentId)) throw new Refusal('INVALID_ID', 'accompanimentId must be an accompaniment’s id.', 'accompanimentId');
    const plan = planOf(input.kind, input.plan, startsOn, endsOn);
    if (signedOn) assertHoursJustified({ kind: input.kind, ...plan }, 'input.plan.');
    await assertAccompanimentOpen(em, caller.departmentCode, input.beneficiaryId, input.accompanimentId ?? null);
    const id = randomUUID();
    // Signed at creation: the overlap check and the insert share the transaction (and the person's lock).
    if (signedOn) await assertNoOverlap(em, { id, departmentCode: caller.departmentCode, beneficiaryId: input.beneficiaryId, kind: input.kind, startsOn, endsOn });
    const contract = em.create(EngagementContractEntity, {
      id,
      departmentCode: caller.departmentCode,
      beneficiaryId: input.beneficiaryId,
      accompanimentId: input.accompanimentId ?? null,
      // A référent or an operator writes contracts only for themselves (the catalogue's rows of contract:write).
      referentId: reach?.referentId ?? input.referentId ?? null,
      operatorId: reach ? (reach.operatorId ?? input.operatorId ?? null) : NO_PARTNER,
      territoryId: input.territoryId ?? null,
      kind: input.kind,
      startsOn,
      endsOn,
      status: signedOn ? 'SIGNED' : 'DRAFT',
      signedOn,
      renewalRequestedOn: null,
      renewedFromId: null,
      finalAssessment: null,
      ...planColumns(plan),
      convertedFromId: null,
      convertedToId: null,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    // The commitments and history refer to the contract: insert it first.
    await em.flush();
    writePlan(em, contract, plan);
    input.commitments.forEach((c, position) =>
      em.create(ContractCommitmentEntity, { id: randomUUID(), departmentCode: caller.departmentCode, contractId: id, position, theme: c.theme, kind: c.kind, party: c.party, description: c.description, status: 'PLANNED', assessment: null }),
    );
    if (signedOn) await signed(em, ctx, contract, signedOn);
    else history(em, ctx, contract, 'DRAFT', todayIso());
    await em.flush();
    return contract;
  });
}

export function signContract(ctx: SubgraphContext, id: string, signedOn: string): Promise<ContractMutationResult> {
  return write(ctx, 'UPDATE', async (em, access) => {
    const contract = await load(em, access, id);
    if (contract.status !== 'DRAFT') throw new Refusal('NOT_A_DRAFT', 'Only a draft can be signed.');
    assertHoursJustified(contract, '');
    await assertAccompanimentOpen(em, contract.departmentCode, contract.beneficiaryId, contract.accompanimentId ?? null);
    await assertNoOverlap(em, contract);
    contract.status = 'SIGNED';
    contract.signedOn = parseIsoDate(signedOn, 'signedOn');
    await signed(em, ctx, contract, contract.signedOn);
    await em.flush();
    return contract;
  });
}

/** Renewal may be requested from month 5 of a signed CER, until its last day. */
export function requestRenewal(ctx: SubgraphContext, id: string, on: string): Promise<ContractMutationResult> {
  return write(ctx, 'UPDATE', async (em, access) => {
    const contract = await load(em, access, id);
    const day = parseIsoDate(on, 'on');
    if (contract.kind === 'CONTRAT_ENGAGEMENT') throw new Refusal('NOT_RENEWABLE', 'A contrat d’engagement is not renewed: sign a new one.');
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
      convertedFromId: null,
      convertedToId: null,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    await em.flush();
    await assertNoOverlap(em, next);
    previous.status = 'RENEWED';
    history(em, ctx, previous, 'RENEWED', day);
    await signed(em, ctx, next, day);
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

/**
 * Converts a CER in force into a contrat d'engagement, signed at once and carrying the CER's
 * objectives not done: the CER ends the day before the new contract starts (status ENDED, its
 * `convertedToId` set), the new one records `convertedFromId`. One transaction, under the person's
 * lock (the one every write about their contracts takes, and the exit's event too); both writes
 * audited.
 */
export function convertCerToEngagement(ctx: SubgraphContext, input: ConvertCerInput): Promise<ContractMutationResult> {
  return writeAll(ctx, async (em, access) => {
      const cer = await load(em, access, input.contractId);
      const repository = new EngagementRepository(em);
      await repository.lockBeneficiary(cer.departmentCode, cer.beneficiaryId);
      // Under the lock: what another write may have changed before it.
      await em.refresh(cer);
      if (cer.kind !== 'CER') throw new Refusal('NOT_A_CER', 'Only a CER can be converted into a contrat d’engagement.', 'input.contractId');
      if (cer.status !== 'SIGNED' && cer.status !== 'RENEWAL_REQUESTED') throw new Refusal('NOT_IN_FORCE', 'Only a signed CER not ended can be converted.', 'input.contractId');
      await assertAccompanimentOpen(em, cer.departmentCode, cer.beneficiaryId, cer.accompanimentId ?? null);
      const startsOn = parseIsoDate(input.startsOn, 'input.startsOn');
      if (startsOn <= cer.startsOn || startsOn > addDays(cer.endsOn, 1)) {
        throw new Refusal('CONVERSION_OUTSIDE_CER', `The contrat d’engagement starts after the CER’s first day (${cer.startsOn}) and no later than the day after its last (${addDays(cer.endsOn, 1)}).`, 'input.startsOn');
      }
      const endsOn = input.endsOn ? parseIsoDate(input.endsOn, 'input.endsOn') : defaultEndsOn('CONTRAT_ENGAGEMENT', startsOn);
      datesInOrder(startsOn, endsOn);
      const signedOn = parseIsoDate(input.signedOn, 'input.signedOn');
      if (signedOn > endsOn) throw new Refusal('SIGNED_AFTER_END', 'The signature cannot come after the end.', 'input.signedOn');
      const plan = planOf('CONTRAT_ENGAGEMENT', input.plan, startsOn, endsOn);
      assertHoursJustified({ kind: 'CONTRAT_ENGAGEMENT', ...plan }, 'input.plan.');
      const next = em.create(EngagementContractEntity, {
        id: randomUUID(),
        departmentCode: cer.departmentCode,
        beneficiaryId: cer.beneficiaryId,
        accompanimentId: cer.accompanimentId ?? null,
        referentId: cer.referentId ?? null,
        operatorId: cer.operatorId ?? null,
        territoryId: cer.territoryId ?? null,
        kind: 'CONTRAT_ENGAGEMENT',
        startsOn,
        endsOn,
        status: 'SIGNED',
        signedOn,
        renewalRequestedOn: null,
        renewedFromId: null,
        finalAssessment: null,
        ...planColumns(plan),
        convertedFromId: cer.id,
        convertedToId: null,
        createdAt: new Date(),
        updatedAt: new Date(),
      });
      await em.flush();
      const lastDay = addDays(startsOn, -1);
      if (lastDay < cer.endsOn) cer.endsOn = lastDay;
      cer.status = 'ENDED';
      cer.convertedToId = next.id;
      cer.finalAssessment = cer.finalAssessment ?? `Converti en contrat d’engagement à compter du ${startsOn}.`;
      history(em, ctx, cer, 'ENDED', signedOn);
      await signed(em, ctx, next, signedOn);
      await em.flush();
      await assertNoOverlap(em, next);
      writePlan(em, next, plan);
      const objectives = (await repository.commitments(cer.departmentCode, [cer.id])).filter((c) => c.kind === 'OBJECTIVE' && (c.status === 'PLANNED' || c.status === 'IN_PROGRESS'));
      objectives.forEach((c, position) => em.create(ContractCommitmentEntity, { ...c, id: randomUUID(), contractId: next.id, position, assessment: null }));
      await em.flush();
      return [
        { operation: 'UPDATE', contract: cer },
        { operation: 'CREATE', contract: next },
      ];
  });
}
