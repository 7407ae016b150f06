import {
  assertCan,
  assertPageSize,
  can,
  decodeCursor,
  recordAccess,
  Refusal,
  roleMay,
  scopeAllows,
  todayIso,
  toPage,
  UserFacingError,
  type PageInfo,
  type SubgraphContext,
} from '@passerelles/subgraph-kit';
import { randomUUID } from 'node:crypto';
import { decisionDate, notFuture } from '../decision-dates.js';
import { AccompanimentRepository } from '../accompaniment/accompaniment.repository.js';
import type { BeneficiaryRecord } from '../beneficiary/beneficiary.entity.js';
import { BeneficiaryRepository } from '../beneficiary/beneficiary.repository.js';
import { requestsReached, isRequester } from './orientation.access.js';
import { OrientationErrorCode as Code, OrientationLead, OrientationSource, ReorientationDecision, ReorientationStatus } from './orientation.enums.js';
import type { CriterionRecord, OrientationRecord, ReorientationRequestRecord, TrackRecord } from './orientation.record.js';
import { OrientationRepository } from './orientation.repository.js';
import type { DecideOrientationInput, DecideReorientationInput, NotifyOrientationInput, RequestReorientationInput } from './orientation.type.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_REASON = 2000;

// Reference data (tracks, criteria): one query each per request, whatever the number of fields.
const tracksKey = Symbol('orientationTracks');
const criteriaKey = Symbol('orientationCriteria');

export function orientationTracks(ctx: SubgraphContext): Promise<TrackRecord[]> {
  return ctx.loaders.get<'all', TrackRecord[]>(tracksKey, async (keys) => {
    const rows = await new OrientationRepository(ctx.em).tracks();
    return keys.map(() => rows);
  }).load('all');
}

export function orientationCriteria(ctx: SubgraphContext): Promise<CriterionRecord[]> {
  return ctx.loaders.get<'all', CriterionRecord[]>(criteriaKey, async (keys) => {
    const rows = await new OrientationRepository(ctx.em).criteria();
    return keys.map(() => rows);
  }).load('all');
}

export async function trackOf(ctx: SubgraphContext, code: string): Promise<TrackRecord> {
  const track = (await orientationTracks(ctx)).find((t) => t.code === code);
  if (!track) throw new Error(`unknown track ${code}`);
  return track;
}

export async function criteriaOf(ctx: SubgraphContext, codes: readonly string[]): Promise<CriterionRecord[]> {
  const all = await orientationCriteria(ctx);
  return all.filter((c) => codes.includes(c.code));
}

// Reading a person's orientations (a person the caller already reads: audited with the person).

const orientationsByBeneficiary = Symbol('orientationsByBeneficiary');
const requestsByBeneficiary = Symbol('requestsByBeneficiary');

/** A person's orientations, newest first (batched per request). */
export function orientationsOf(ctx: SubgraphContext, beneficiaryId: string): Promise<OrientationRecord[]> {
  return ctx.loaders
    .get<string, OrientationRecord[]>(orientationsByBeneficiary, async (ids) => {
      const rows = await new OrientationRepository(ctx.em).byBeneficiaries(ctx.caller.departmentCode, ids);
      return ids.map((id) => rows.filter((r) => r.beneficiaryId === id));
    })
    .load(beneficiaryId);
}

/** A person's reorientation requests, newest first, for the roles that read requests (batched per request). */
export function requestsOf(ctx: SubgraphContext, beneficiaryId: string): Promise<ReorientationRequestRecord[]> {
  if (!roleMay(ctx.caller, 'orientation:readRequests')) return Promise.resolve([]);
  return ctx.loaders
    .get<string, ReorientationRequestRecord[]>(requestsByBeneficiary, async (ids) => {
      const rows = await new OrientationRepository(ctx.em).requestsByBeneficiaries(ctx.caller.departmentCode, ids);
      return ids.map((id) => rows.filter((r) => r.beneficiaryId === id));
    })
    .load(beneficiaryId);
}

// The rules.

function reasonOf(value: string | null | undefined, field: string, required: boolean): string | null {
  const reason = value?.trim() || null;
  if (required && !reason) throw new Refusal(Code.REASON_REQUIRED, 'A reason is required.', field);
  if (reason && reason.length > MAX_REASON) throw new Refusal('BAD_USER_INPUT', `A reason holds at most ${MAX_REASON} characters.`, field);
  return reason;
}

async function checkTrack(ctx: SubgraphContext, track: string, field: string): Promise<void> {
  if (!(await orientationTracks(ctx)).some((t) => t.code === track)) throw new Refusal(Code.UNKNOWN_TRACK, `Unknown track ${track}: see orientationTracks.`, field);
}

async function checkCriteria(ctx: SubgraphContext, codes: readonly string[], field: string): Promise<string[]> {
  const known = new Set((await orientationCriteria(ctx)).map((c) => c.code));
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length) throw new Refusal(Code.UNKNOWN_CRITERION, `Unknown criteria ${unknown.join(', ')}: see orientationCriteria.`, field);
  return [...new Set(codes)];
}

function checkLead(leadKind: OrientationLead, leadPartnerId: string | null | undefined, prefix: string): string | null {
  if (leadKind === OrientationLead.PARTNER && !leadPartnerId) throw new Refusal(Code.LEAD_PARTNER_REQUIRED, 'Name the partner that leads the accompaniment.', `${prefix}leadPartnerId`);
  if (leadKind !== OrientationLead.PARTNER && leadPartnerId) throw new Refusal(Code.LEAD_PARTNER_NOT_ALLOWED, 'Only a PARTNER lead names a partner.', `${prefix}leadPartnerId`);
  return leadPartnerId ?? null;
}

/** A person of the Département the caller may decide for (an administrator, of their territories when limited). */
async function personToDecide(ctx: SubgraphContext, beneficiaryId: string): Promise<BeneficiaryRecord> {
  const scope = assertCan(ctx.caller, 'orientation:decide');
  const [person] = UUID.test(beneficiaryId) ? await new BeneficiaryRepository(ctx.em).visibleByIds(ctx.caller, [beneficiaryId]) : [];
  if (!person || !scopeAllows(scope, person)) throw new Refusal(Code.NOT_FOUND, 'Person not found.', 'input.beneficiaryId');
  return person;
}

/** Serialises the orientation writes of one person: the previous orientation and the kind are read and written under it. */
const lockPerson = (ctx: SubgraphContext, beneficiaryId: string): Promise<unknown> => ctx.em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`orientation:${beneficiaryId}`]);

/**
 * Writes an orientation as the person's newest, in the caller's transaction: never dated before
 * the current one (the history stays in order), a reason when it replaces one, and the person's
 * `orientation_kind` set to its track in the same transaction.
 */
async function writeOrientation(
  ctx: SubgraphContext,
  o: { beneficiaryId: string; track: string; leadKind: OrientationLead; leadPartnerId: string | null; criteria: string[]; decidedOn: string; notifiedOn: string | null; source: OrientationSource; reason: string | null; requestId: string | null },
  fields: { decidedOn: string; reason: string },
): Promise<string> {
  const repository = new OrientationRepository(ctx.em);
  await lockPerson(ctx, o.beneficiaryId);
  const previous = await repository.current(ctx.caller.departmentCode, o.beneficiaryId);
  if (previous && o.decidedOn < previous.decidedOn) {
    throw new Refusal(Code.DATES_OUT_OF_ORDER, `The current orientation was decided on ${previous.decidedOn}: a new one is decided on or after that day.`, fields.decidedOn);
  }
  if (previous && !o.reason) throw new Refusal(Code.REASON_REQUIRED, 'A reorientation needs its reason.', fields.reason);
  const id = randomUUID();
  await repository.insert({ id, departmentCode: ctx.caller.departmentCode, recordedBy: ctx.caller.userId, previousOrientationId: previous?.id ?? null, ...o });
  await repository.syncOrientationKind(ctx.caller.departmentCode, o.beneficiaryId);
  return id;
}

async function reloadOrientation(ctx: SubgraphContext, id: string): Promise<OrientationRecord> {
  const o = await new OrientationRepository(ctx.em).byId(ctx.caller.departmentCode, id);
  if (!o) throw new Error(`orientation ${id} vanished`);
  return o;
}

async function reloadRequest(ctx: SubgraphContext, id: string): Promise<ReorientationRequestRecord> {
  const r = await new OrientationRepository(ctx.em).requestById(ctx.caller.departmentCode, id);
  if (!r) throw new Error(`reorientation request ${id} vanished`);
  return r;
}

/**
 * The Département's orientation decision (an administrator): a track, who leads the accompaniment,
 * the criteria it rests on, the day decided (and notified, when it already is), its source
 * (the Département's own, or France Travail's recorded here). A person already oriented is
 * reoriented: the reason is required and the previous orientation is kept in the history.
 */
export async function decideOrientation(ctx: SubgraphContext, input: DecideOrientationInput, today = todayIso()): Promise<OrientationRecord> {
  const person = await personToDecide(ctx, input.beneficiaryId);
  const decidedOn = decisionDate(input.decidedOn, 'input.decidedOn');
  notFuture(decidedOn, 'input.decidedOn', today);
  const notifiedOn = input.notifiedOn ? decisionDate(input.notifiedOn, 'input.notifiedOn') : null;
  if (notifiedOn && notifiedOn < decidedOn) throw new Refusal(Code.DATES_OUT_OF_ORDER, 'An orientation is notified on or after its decision.', 'input.notifiedOn');
  if (notifiedOn) notFuture(notifiedOn, 'input.notifiedOn', today);
  await checkTrack(ctx, input.track, 'input.track');
  const criteria = await checkCriteria(ctx, input.criteria, 'input.criteria');
  const leadPartnerId = checkLead(input.leadKind, input.leadPartnerId, 'input.');
  const source = input.source ?? OrientationSource.DEPARTMENT;
  if (source === OrientationSource.IMPORT) throw new Refusal(Code.SOURCE_NOT_ALLOWED, 'IMPORT is written by imports only.', 'input.source');
  const reason = reasonOf(input.reason, 'input.reason', false);
  const id = await ctx.em.transactional((em) =>
    writeOrientation(
      { ...ctx, em },
      { beneficiaryId: person.id, track: input.track, leadKind: input.leadKind, leadPartnerId, criteria, decidedOn, notifiedOn, source, reason, requestId: null },
      { decidedOn: 'input.decidedOn', reason: 'input.reason' },
    ),
  );
  await recordAccess(ctx, { operation: 'CREATE', recordType: 'Orientation', recordIds: [id] });
  return reloadOrientation(ctx, id);
}

/** Records the day the person was notified of an orientation (once; on or after its decision, not in the future). */
export async function notifyOrientation(ctx: SubgraphContext, input: NotifyOrientationInput, today = todayIso()): Promise<OrientationRecord> {
  const scope = assertCan(ctx.caller, 'orientation:decide');
  const repository = new OrientationRepository(ctx.em);
  const orientation = UUID.test(input.orientationId) ? await repository.byId(ctx.caller.departmentCode, input.orientationId) : undefined;
  const [person] = orientation ? await new BeneficiaryRepository(ctx.em).visibleByIds(ctx.caller, [orientation.beneficiaryId]) : [];
  if (!orientation || !person || !scopeAllows(scope, person)) throw new Refusal(Code.NOT_FOUND, 'Orientation not found.', 'input.orientationId');
  const notifiedOn = decisionDate(input.notifiedOn, 'input.notifiedOn');
  if (orientation.notifiedOn) throw new Refusal(Code.ALREADY_NOTIFIED, `This orientation was notified on ${orientation.notifiedOn}.`);
  if (notifiedOn < orientation.decidedOn) throw new Refusal(Code.DATES_OUT_OF_ORDER, 'An orientation is notified on or after its decision.', 'input.notifiedOn');
  notFuture(notifiedOn, 'input.notifiedOn', today);
  if ((await repository.notify(orientation.departmentCode, orientation.id, notifiedOn)) === 0) throw new Refusal(Code.ALREADY_NOTIFIED, 'This orientation was notified meanwhile.');
  await recordAccess(ctx, { operation: 'UPDATE', recordType: 'Orientation', recordIds: [orientation.id] });
  return reloadOrientation(ctx, orientation.id);
}

/** Whether the caller may request a reorientation for this person: one of the person's accompaniments in progress is theirs to follow (the catalogue's `orientation:request`). */
export async function mayRequestFor(ctx: SubgraphContext, beneficiary: { id: string; departmentCode: string }): Promise<boolean> {
  if (!roleMay(ctx.caller, 'orientation:request')) return false;
  const accompaniments = await new AccompanimentRepository(ctx.em).byBeneficiaries(beneficiary.departmentCode, [beneficiary.id]);
  return accompaniments.some((a) => !a.endedOn && can(ctx.caller, 'orientation:request', a));
}

/**
 * A reorientation request: the person's référent, or the operator running their accompaniment in
 * progress, proposes another track with a reason; the Département answers (`decideReorientation`).
 * One request waits at a time per person (REQUEST_PENDING, kept by a unique index).
 */
export async function requestReorientation(ctx: SubgraphContext, input: RequestReorientationInput, today = todayIso()): Promise<ReorientationRequestRecord> {
  assertCan(ctx.caller, 'orientation:request');
  const department = ctx.caller.departmentCode;
  const accompaniments = UUID.test(input.beneficiaryId) ? await new AccompanimentRepository(ctx.em).byBeneficiaries(department, [input.beneficiaryId]) : [];
  const followed = accompaniments.filter((a) => can(ctx.caller, 'orientation:request', a));
  // Someone else's person, or another Département's: not found, never confirmed.
  if (followed.length === 0) throw new Refusal(Code.NOT_FOUND, 'Person not found.', 'input.beneficiaryId');
  if (!followed.some((a) => !a.endedOn)) throw new Refusal(Code.NO_OPEN_ACCOMPANIMENT, 'This person has no accompaniment in progress that you follow.');
  const requestedOn = input.requestedOn ? decisionDate(input.requestedOn, 'input.requestedOn') : today;
  notFuture(requestedOn, 'input.requestedOn', today);
  await checkTrack(ctx, input.proposedTrack, 'input.proposedTrack');
  const reason = reasonOf(input.reason, 'input.reason', true)!;
  const id = randomUUID();
  await ctx.em.transactional(async (em) => {
    const repository = new OrientationRepository(em);
    await lockPerson({ ...ctx, em }, input.beneficiaryId);
    const current = await repository.current(department, input.beneficiaryId);
    if (!current) throw new Refusal(Code.NO_ORIENTATION, 'This person has no orientation yet: the Département decides a first one.');
    if (current.track === input.proposedTrack) throw new Refusal(Code.SAME_TRACK, 'This is the person’s current track.', 'input.proposedTrack');
    if (requestedOn < current.decidedOn) throw new Refusal(Code.DATES_OUT_OF_ORDER, 'A request follows the current orientation.', 'input.requestedOn');
    if (await repository.hasWaitingRequest(department, input.beneficiaryId)) throw new Refusal(Code.REQUEST_PENDING, 'A reorientation request for this person already waits for the Département’s answer.');
    await repository.insertRequest({ id, departmentCode: department, beneficiaryId: input.beneficiaryId, orientationId: current.id, proposedTrack: input.proposedTrack, reason, requestedBy: ctx.caller.userId, requestedOn });
  });
  await recordAccess(ctx, { operation: 'CREATE', recordType: 'ReorientationRequest', recordIds: [id] });
  return reloadRequest(ctx, id);
}

/** A request the caller may answer (an administrator of the person's Département and territory), or NOT_FOUND. */
async function requestToDecide(ctx: SubgraphContext, id: string, forUpdate: boolean): Promise<ReorientationRequestRecord> {
  const scope = assertCan(ctx.caller, 'orientation:decide');
  const request = UUID.test(id) ? await new OrientationRepository(ctx.em).requestById(ctx.caller.departmentCode, id, forUpdate) : undefined;
  if (!request || !scopeAllows(scope, request)) throw new Refusal(Code.NOT_FOUND, 'Reorientation request not found.', 'input.requestId');
  return request;
}

/**
 * The Département's answer to a waiting request. ACCEPTED writes the new orientation (the
 * proposed track, the lead and criteria given here, the request's reason, dated, notified when
 * `notifiedOn` is given) in the same transaction; REFUSED needs its reason. The request row is
 * locked: of two answers at once, one wins and the other reads ALREADY_DECIDED.
 */
export async function decideReorientation(ctx: SubgraphContext, input: DecideReorientationInput, today = todayIso()): Promise<ReorientationRequestRecord> {
  await requestToDecide(ctx, input.requestId, false);
  const decidedOn = decisionDate(input.decidedOn, 'input.decidedOn');
  notFuture(decidedOn, 'input.decidedOn', today);
  const accepted = input.decision === ReorientationDecision.ACCEPTED;
  const notifiedOn = accepted && input.notifiedOn ? decisionDate(input.notifiedOn, 'input.notifiedOn') : null;
  if (notifiedOn && notifiedOn < decidedOn) throw new Refusal(Code.DATES_OUT_OF_ORDER, 'An orientation is notified on or after its decision.', 'input.notifiedOn');
  if (notifiedOn) notFuture(notifiedOn, 'input.notifiedOn', today);
  const decisionReason = reasonOf(input.reason, 'input.reason', !accepted);
  if (accepted && !input.leadKind) throw new Refusal(Code.LEAD_REQUIRED, 'An accepted reorientation names who leads the new accompaniment.', 'input.leadKind');
  const leadPartnerId = accepted ? checkLead(input.leadKind!, input.leadPartnerId, 'input.') : null;
  const criteria = await checkCriteria(ctx, input.criteria ?? [], 'input.criteria');
  const written = await ctx.em.transactional(async (em) => {
    const tx = { ...ctx, em };
    const request = await requestToDecide(tx, input.requestId, true);
    if (request.status !== ReorientationStatus.REQUESTED) throw new Refusal(Code.ALREADY_DECIDED, `This request is already ${request.status.toLowerCase()}.`);
    if (decidedOn < request.requestedOn) throw new Refusal(Code.DATES_OUT_OF_ORDER, 'A decision follows the request.', 'input.decidedOn');
    const orientationId = accepted
      ? await writeOrientation(
          tx,
          { beneficiaryId: request.beneficiaryId, track: request.proposedTrack, leadKind: input.leadKind!, leadPartnerId, criteria, decidedOn, notifiedOn, source: OrientationSource.DEPARTMENT, reason: request.reason, requestId: request.id },
          { decidedOn: 'input.decidedOn', reason: 'input.reason' },
        )
      : null;
    const closed = await new OrientationRepository(em).closeRequest(request.departmentCode, request.id, {
      status: accepted ? ReorientationStatus.ACCEPTED : ReorientationStatus.REFUSED,
      decidedBy: ctx.caller.userId,
      decidedOn,
      decisionReason,
      resultingOrientationId: orientationId,
    });
    if (closed === 0) throw new Refusal(Code.ALREADY_DECIDED, 'This request was answered meanwhile.');
    return { request: request.id, orientation: orientationId };
  });
  await recordAccess(ctx, { operation: 'UPDATE', recordType: 'ReorientationRequest', recordIds: [written.request] });
  if (written.orientation) await recordAccess(ctx, { operation: 'CREATE', recordType: 'Orientation', recordIds: [written.orientation] });
  return reloadRequest(ctx, written.request);
}

/** Its requester withdraws a request still waiting. */
export async function withdrawReorientation(ctx: SubgraphContext, requestId: string, today = todayIso()): Promise<ReorientationRequestRecord> {
  const scope = assertCan(ctx.caller, 'orientation:request');
  const id = await ctx.em.transactional(async (em) => {
    const repository = new OrientationRepository(em);
    const request = UUID.test(requestId) ? await repository.requestById(ctx.caller.departmentCode, requestId, true) : undefined;
    const followed = request ? (await new AccompanimentRepository(em).byBeneficiaries(request.departmentCode, [request.beneficiaryId])).some((a) => scopeAllows(scope, a)) : false;
    if (!request || (!followed && !isRequester(ctx.caller, request))) throw new Refusal(Code.NOT_FOUND, 'Reorientation request not found.', 'requestId');
    if (!isRequester(ctx.caller, request)) throw new Refusal(Code.NOT_THE_REQUESTER, 'Only whoever made the request withdraws it.');
    if (request.status !== ReorientationStatus.REQUESTED) throw new Refusal(Code.ALREADY_DECIDED, `This request is already ${request.status.toLowerCase()}.`);
    const on = today < request.requestedOn ? request.requestedOn : today;
    await repository.closeRequest(request.departmentCode, request.id, { status: ReorientationStatus.WITHDRAWN, decidedBy: ctx.caller.userId, decidedOn: on, decisionReason: null, resultingOrientationId: null });
    return request.id;
  });
  await recordAccess(ctx, { operation: 'UPDATE', recordType: 'ReorientationRequest', recordIds: [id] });
  return reloadRequest(ctx, id);
}

/**
 * The reorientation requests the caller reaches: for an administrator the Département's (of
 * their territories when limited), for a référent or an operator those on the people they follow;
 * of some statuses (default: waiting), the longest waiting first. Nominative: each page is audited.
 */
export async function reorientationRequests(
  ctx: SubgraphContext,
  options: { first: number; after: string | null; statuses: readonly ReorientationStatus[] | null },
): Promise<{ nodes: ReorientationRequestRecord[]; pageInfo: PageInfo }> {
  const scope = assertCan(ctx.caller, 'orientation:readRequests');
  assertPageSize(options.first);
  const reach = requestsReached(scope);
  if (!reach) return { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } };
  let after: { requestedOn: string; id: string } | null = null;
  if (options.after) {
    const [requestedOn, id] = decodeCursor(options.after, 2).map(String) as [string, string];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(requestedOn) || !UUID.test(id)) throw new UserFacingError('Invalid cursor: pass the endCursor of a previous page.', 'BAD_USER_INPUT', { argument: 'after' });
    after = { requestedOn, id };
  }
  const statuses = options.statuses && options.statuses.length > 0 ? options.statuses : [ReorientationStatus.REQUESTED];
  const rows = await new OrientationRepository(ctx.em).requests(ctx.caller.departmentCode, reach, statuses, options.first, after);
  const page = toPage(rows, options.first, (r) => [r.requestedOn, r.id]);
  await recordAccess(ctx, { operation: 'READ', recordType: 'ReorientationRequest', recordIds: page.nodes.map((r) => r.id) });
  return page;
}

/** May the caller answer this request (an administrator reaching the person, while it waits)? */
export const mayDecide = (ctx: SubgraphContext, request: ReorientationRequestRecord): boolean =>
  request.status === ReorientationStatus.REQUESTED && can(ctx.caller, 'orientation:decide', request);

/** May the caller withdraw this request (its requester, while it waits)? */
export const mayWithdraw = (ctx: SubgraphContext, request: ReorientationRequestRecord): boolean =>
  request.status === ReorientationStatus.REQUESTED && roleMay(ctx.caller, 'orientation:request') && isRequester(ctx.caller, request);

/** May the caller decide this person's orientation (an administrator reaching the person)? */
export const mayDecideFor = (ctx: SubgraphContext, person: BeneficiaryRecord): boolean => can(ctx.caller, 'orientation:decide', person);
