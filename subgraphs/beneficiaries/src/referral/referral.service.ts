import {
  assertCan,
  assertPageSize,
  can,
  decodeCursor,
  publishCount,
  recordAccess,
  todayIso,
  toPage,
  UserFacingError,
  type PageInfo,
  type PublishedCount,
  type SubgraphContext,
} from '@passerelles/subgraph-kit';
import { randomUUID } from 'node:crypto';
import { LifecycleErrorCode, ReferralStatus } from '../accompaniment/accompaniment.enums.js';
import type { AccompanimentRecord } from '../accompaniment/accompaniment.record.js';
import { AccompanimentRepository } from '../accompaniment/accompaniment.repository.js';
import { actionableAccompaniment } from '../accompaniment/accompaniment.service.js';
import { done, mayActOn, notFound, refuse, validDate, type Outcome } from '../accompaniment/lifecycle.js';
import { BeneficiaryRepository } from '../beneficiary/beneficiary.repository.js';
import { ReferralEntity } from './referral.entity.js';
import { ReferralRepository, type ReferralRecord } from './referral.repository.js';
import type { CreateReferralInput, UpdateReferralStatusInput } from './referral.type.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Allowed status changes (EXPIRED is derived: it takes none). */
const next: Record<ReferralStatus, ReferralStatus[]> = {
  [ReferralStatus.SENT]: [ReferralStatus.ACCEPTED, ReferralStatus.REFUSED],
  [ReferralStatus.ACCEPTED]: [ReferralStatus.DONE, ReferralStatus.NO_SHOW],
  [ReferralStatus.REFUSED]: [],
  [ReferralStatus.DONE]: [],
  [ReferralStatus.NO_SHOW]: [],
  [ReferralStatus.EXPIRED]: [],
};

/** The receiving partner's decision: accepting or refusing. */
const isDecision = (status: ReferralStatus): boolean => status === ReferralStatus.ACCEPTED || status === ReferralStatus.REFUSED;

/**
 * The accompaniment a referral belongs to: the one named, or the person's accompaniment in progress
 * that the caller follows (the most recently prescribed when several). A referral is always made
 * in an accompaniment, so that the person's path shows it and the exit closes the door to new ones.
 */
async function accompanimentFor(ctx: SubgraphContext, beneficiaryId: string, named: string | null | undefined): Promise<AccompanimentRecord | null> {
  if (named) {
    const a = await actionableAccompaniment(ctx, named);
    return a && a.beneficiaryId === beneficiaryId ? a : null;
  }
  const own = (await new AccompanimentRepository(ctx.em).byBeneficiaries(ctx.caller.departmentCode, [beneficiaryId]))
    .filter((a) => !a.endedOn && mayActOn(ctx.caller, a))
    .sort((x, y) => y.prescribedOn.localeCompare(x.prescribedOn));
  return own[0] ?? null;
}

/**
 * Sends a person the caller follows to a partner's service, in one of their accompaniments in
 * progress. Refused when the person has none (NO_OPEN_ACCOMPANIMENT), when the accompaniment has
 * ended, and while a referral of the person to the same service is open (DUPLICATE_REFERRAL,
 * checked under a lock on the person so that two sent at once cannot both pass).
 */
export async function createReferral(ctx: SubgraphContext, input: CreateReferralInput, today = todayIso()): Promise<Outcome<ReferralRecord>> {
  assertCan(ctx.caller, 'referral:send');
  const sentOn = validDate(input.sentOn, 'sentOn');
  if (!sentOn) return refuse(LifecycleErrorCode.INVALID_DATE, 'sentOn must be a date as YYYY-MM-DD.', 'sentOn');
  if (sentOn > today) return refuse(LifecycleErrorCode.DATES_OUT_OF_ORDER, 'A referral is recorded on or after the day it is sent.', 'sentOn');
  if (![input.beneficiaryId, input.serviceId, input.partnerId].every((id) => UUID.test(id))) return notFound('Person, service or partner');
  if (input.accompanimentId && !UUID.test(input.accompanimentId)) return notFound('Accompaniment');
  const [person] = await new BeneficiaryRepository(ctx.em).visibleByIds(ctx.caller, [input.beneficiaryId]);
  if (!person) return notFound('Person');
  const a = await accompanimentFor(ctx, person.id, input.accompanimentId);
  if (!a) return input.accompanimentId ? notFound('Accompaniment') : refuse(LifecycleErrorCode.NO_OPEN_ACCOMPANIMENT, 'This person has no accompaniment in progress that you follow.');
  if (a.endedOn) return refuse(LifecycleErrorCode.ALREADY_ENDED, 'This accompaniment has ended.');
  if (sentOn < a.prescribedOn) return refuse(LifecycleErrorCode.DATES_OUT_OF_ORDER, 'A referral cannot precede the prescription.', 'sentOn');
  const note = input.note?.trim() || null;
  const id = randomUUID();
  const outcome = await ctx.em.transactional(async (em): Promise<Outcome<null>> => {
    await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`referral:${person.id}`]);
    if (await new ReferralRepository(em, today).hasOpen(ctx.caller.departmentCode, person.id, input.serviceId)) {
      return refuse(LifecycleErrorCode.DUPLICATE_REFERRAL, 'This person already has a referral to this service waiting for an answer or accepted.', 'serviceId');
    }
    em.create(ReferralEntity, {
      id,
      departmentCode: ctx.caller.departmentCode,
      beneficiaryId: person.id,
      accompanimentId: a.id,
      serviceId: input.serviceId,
      partnerId: input.partnerId,
      status: ReferralStatus.SENT,
      sentOn,
      note,
      createdBy: ctx.caller.userId,
      createdAt: new Date(),
    });
    await em.flush();
    return done(null);
  });
  if (!outcome.ok) return outcome;
  await recordAccess(ctx, { operation: 'CREATE', recordType: 'Referral', recordIds: [id] });
  const saved = await new ReferralRepository(ctx.em, today).byId(ctx.caller.departmentCode, id);
  if (!saved) throw new Error(`referral ${id} vanished`);
  return done(saved);
}

/**
 * Moves a referral along SENT → ACCEPTED | REFUSED (the receiving partner's decision: its operator,
 * or an administrator; a refusal needs its coded reason), ACCEPTED → DONE | NO_SHOW (the partner or
 * the person's référent), with dates in order and never in the future. An expired referral takes no
 * decision: the référent sends another.
 */
export async function updateReferralStatus(ctx: SubgraphContext, input: UpdateReferralStatusInput, today = todayIso()): Promise<Outcome<ReferralRecord>> {
  assertCan(ctx.caller, 'referral:update');
  const repository = new ReferralRepository(ctx.em, today);
  const referral = UUID.test(input.referralId) ? await repository.byId(ctx.caller.departmentCode, input.referralId) : undefined;
  if (!referral) return notFound('Referral');
  const receiver = can(ctx.caller, 'referral:receive', { departmentCode: referral.departmentCode, operatorId: referral.partnerId });
  // Visible as the partner receiving it (operator), or through the person (référent, administrator).
  if (!receiver && (await new BeneficiaryRepository(ctx.em).visibleByIds(ctx.caller, [referral.beneficiaryId])).length === 0) return notFound('Referral');
  const on = validDate(input.on, 'on');
  if (!on) return refuse(LifecycleErrorCode.INVALID_DATE, 'on must be a date as YYYY-MM-DD.', 'on');
  if (on > today) return refuse(LifecycleErrorCode.DATES_OUT_OF_ORDER, 'A change is recorded on or after its day.', 'on');
  if (referral.status === ReferralStatus.EXPIRED) return refuse(LifecycleErrorCode.EXPIRED, 'This referral expired unanswered: the référent sends another.');
  if (!next[referral.status].includes(input.status)) {
    return refuse(LifecycleErrorCode.INVALID_TRANSITION, `A ${referral.status} referral cannot become ${input.status}.`, 'status');
  }
  if (isDecision(input.status) && !receiver) return refuse(LifecycleErrorCode.NOT_THE_RECEIVER, 'Only the partner receiving the referral accepts or refuses it.', 'status');
  const refusalReason = input.status === ReferralStatus.REFUSED ? (input.refusalReason ?? null) : null;
  if (input.status === ReferralStatus.REFUSED && !refusalReason) return refuse(LifecycleErrorCode.REFUSAL_REASON_REQUIRED, 'A refusal needs its reason.', 'refusalReason');
  if (on < referral.sentOn || (referral.answeredOn && on < referral.answeredOn)) return refuse(LifecycleErrorCode.DATES_OUT_OF_ORDER, 'This day precedes the referral or its answer.', 'on');
  const deciding = isDecision(input.status);
  await ctx.em.execute(
    `update beneficiaries.referral
        set status = ?, answered_on = case when ? then ?::date else answered_on end, answered_by = case when ? then ? else answered_by end,
            refusal_reason = ?, closed_on = case when ? then null else ?::date end,
            note = coalesce(?, note)
      where department_code = ? and id = ? and status = ?`,
    [input.status, deciding, on, deciding, ctx.caller.userId, refusalReason, deciding && input.status !== ReferralStatus.REFUSED, on, input.note?.trim() || null, referral.departmentCode, referral.id, referral.status],
  );
  await recordAccess(ctx, { operation: 'UPDATE', recordType: 'Referral', recordIds: [referral.id] });
  const saved = await repository.byId(referral.departmentCode, referral.id);
  if (!saved) throw new Error(`referral ${referral.id} vanished`);
  return done(saved);
}

/**
 * The operator's inbox: referrals its partner received (an administrator: every partner of the
 * Département, or one), newest first, optionally of some statuses. Nominative (the person is named
 * through \`Referral.beneficiary\`): each page is audited.
 */
export async function receivedReferrals(
  ctx: SubgraphContext,
  options: { first: number; after: string | null; statuses: readonly ReferralStatus[] | null; partnerId: string | null },
  today = todayIso(),
): Promise<{ nodes: ReferralRecord[]; pageInfo: PageInfo }> {
  const scope = assertCan(ctx.caller, 'referral:receive');
  assertPageSize(options.first);
  const nothing = { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } };
  // An operator reaches its own partner's inbox whatever it asks; an administrator any partner's.
  if (!scope || (options.partnerId && !UUID.test(options.partnerId))) return nothing;
  const partnerId = scope.operatorId ?? options.partnerId ?? null;
  let after: { sentOn: string; id: string } | null = null;
  if (options.after) {
    const [sentOn, id] = decodeCursor(options.after, 2).map(String) as [string, string];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(sentOn) || !UUID.test(id)) throw new UserFacingError('Invalid cursor: pass the endCursor of a previous page.', 'BAD_USER_INPUT', { argument: 'after' });
    after = { sentOn, id };
  }
  const rows = await new ReferralRepository(ctx.em, today).received({ departmentCode: ctx.caller.departmentCode, partnerId, statuses: options.statuses }, options.first, after);
  const page = toPage(rows, options.first, (r) => [r.sentOn, r.id]);
  await recordAccess(ctx, { operation: 'READ', recordType: 'Referral', recordIds: page.nodes.map((r) => r.id) });
  return page;
}

const referralsByAccompaniment = Symbol('referralsByAccompaniment');

/** Referrals made in an accompaniment the caller already reads (batched per request). */
export function referralsOf(ctx: SubgraphContext, accompanimentId: string): Promise<ReferralRecord[]> {
  const department = ctx.caller.departmentCode;
  return ctx.loaders
    .get<string, ReferralRecord[]>(referralsByAccompaniment, async (ids) => {
      const rows = await new ReferralRepository(ctx.em, todayIso()).byAccompaniments(department, ids);
      return ids.map((id) => rows.filter((r) => r.accompanimentId === id));
    })
    .load(accompanimentId);
}

const referredByPartner = Symbol('referredByPartner');

/** People currently referred (sent or accepted) to a partner, batched. */
export async function peopleReferredCount(ctx: SubgraphContext, partnerId: string): Promise<PublishedCount> {
  const department = ctx.caller.departmentCode;
  // An aggregate about people: exact for administrators and for the partner itself, else 1 to 10 suppressed.
  const exact = can(ctx.caller, 'referralCounts:readExact', { departmentCode: department, operatorId: partnerId });
  const count = await ctx.loaders
    .get<string, number>(referredByPartner, async (ids) => {
      const valid = ids.filter((id) => UUID.test(id));
      const rows = valid.length ? await new ReferralRepository(ctx.em, todayIso()).openByPartner(department, valid) : [];
      const index = new Map(rows.map((r) => [r.key, Number(r.count)]));
      return ids.map((id) => index.get(id) ?? 0);
    })
    .load(partnerId);
  return publishCount(count, exact);
}

/** People currently referred to a partner as a number; null when suppressed. */
export async function peopleReferred(ctx: SubgraphContext, partnerId: string): Promise<number | null> {
  return (await peopleReferredCount(ctx, partnerId)).value;
}
