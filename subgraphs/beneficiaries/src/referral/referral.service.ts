import { assertCan, publishCount, recordAccess, seesExactCounts, type PublishedCount, type SubgraphContext } from '@passerelles/subgraph-kit';
import { randomUUID } from 'node:crypto';
import { LifecycleErrorCode, ReferralStatus } from '../accompaniment/accompaniment.enums.js';
import { actionableAccompaniment } from '../accompaniment/accompaniment.service.js';
import { done, notFound, refuse, validDate, type Outcome } from '../accompaniment/lifecycle.js';
import { BeneficiaryRepository } from '../beneficiary/beneficiary.repository.js';
import { ReferralEntity } from './referral.entity.js';
import { ReferralRepository, type ReferralRecord } from './referral.repository.js';
import type { CreateReferralInput, UpdateReferralStatusInput } from './referral.type.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Allowed status changes. */
const next: Record<ReferralStatus, ReferralStatus[]> = {
  [ReferralStatus.SENT]: [ReferralStatus.ACCEPTED, ReferralStatus.REFUSED],
  [ReferralStatus.ACCEPTED]: [ReferralStatus.DONE, ReferralStatus.NO_SHOW],
  [ReferralStatus.REFUSED]: [],
  [ReferralStatus.DONE]: [],
  [ReferralStatus.NO_SHOW]: [],
};

/** Sends a person the caller follows to a partner's service. */
export async function createReferral(ctx: SubgraphContext, input: CreateReferralInput): Promise<Outcome<ReferralRecord>> {
  assertCan(ctx.caller, 'referral:send');
  const sentOn = validDate(input.sentOn, 'sentOn');
  if (!sentOn) return refuse(LifecycleErrorCode.INVALID_DATE, 'sentOn must be a date as YYYY-MM-DD.', 'sentOn');
  if (![input.beneficiaryId, input.serviceId, input.partnerId].every((id) => UUID.test(id))) return notFound('Person, service or partner');
  const [person] = await new BeneficiaryRepository(ctx.em).visibleByIds(ctx.caller, [input.beneficiaryId]);
  if (!person) return notFound('Person');
  let accompanimentId: string | null = null;
  if (input.accompanimentId) {
    const a = await actionableAccompaniment(ctx, input.accompanimentId);
    if (!a || a.beneficiaryId !== person.id) return notFound('Accompaniment');
    if (a.endedOn) return refuse(LifecycleErrorCode.ALREADY_ENDED, 'This accompaniment has ended.');
    if (sentOn < a.prescribedOn) return refuse(LifecycleErrorCode.DATES_OUT_OF_ORDER, 'A referral cannot precede the prescription.');
    accompanimentId = a.id;
  }
  const id = randomUUID();
  ctx.em.create(ReferralEntity, {
    id,
    departmentCode: ctx.caller.departmentCode,
    beneficiaryId: person.id,
    accompanimentId,
    serviceId: input.serviceId,
    partnerId: input.partnerId,
    status: ReferralStatus.SENT,
    sentOn,
    createdBy: ctx.caller.userId,
    createdAt: new Date(),
  });
  await ctx.em.flush();
  await recordAccess(ctx, { operation: 'CREATE', recordType: 'Referral', recordIds: [id] });
  const saved = await new ReferralRepository(ctx.em).byId(ctx.caller.departmentCode, id);
  if (!saved) throw new Error(`referral ${id} vanished`);
  return done(saved);
}

/** Moves a referral along SENT → ACCEPTED | REFUSED, ACCEPTED → DONE | NO_SHOW, with dates in order. */
export async function updateReferralStatus(ctx: SubgraphContext, input: UpdateReferralStatusInput): Promise<Outcome<ReferralRecord>> {
  assertCan(ctx.caller, 'referral:update');
  const repository = new ReferralRepository(ctx.em);
  const referral = UUID.test(input.referralId) ? await repository.byId(ctx.caller.departmentCode, input.referralId) : undefined;
  if (!referral) return notFound('Referral');
  // Visible through the person (référent, administrator) or as the partner receiving it (operator).
  const asPartner = ctx.caller.role === 'OPERATOR' && ctx.caller.partnerId === referral.partnerId;
  if (!asPartner && (await new BeneficiaryRepository(ctx.em).visibleByIds(ctx.caller, [referral.beneficiaryId])).length === 0) return notFound('Referral');
  const on = validDate(input.on, 'on');
  if (!on) return refuse(LifecycleErrorCode.INVALID_DATE, 'on must be a date as YYYY-MM-DD.', 'on');
  if (!next[referral.status].includes(input.status)) {
    return refuse(LifecycleErrorCode.INVALID_TRANSITION, `A ${referral.status} referral cannot become ${input.status}.`);
  }
  if (on < referral.sentOn || (referral.answeredOn && on < referral.answeredOn)) return refuse(LifecycleErrorCode.DATES_OUT_OF_ORDER, 'This day precedes the referral or its answer.');
  const answering = input.status === ReferralStatus.ACCEPTED || input.status === ReferralStatus.REFUSED;
  await ctx.em.execute(
    `update beneficiaries.referral set status = ?, answered_on = case when ? then ?::date else answered_on end, closed_on = case when ? then null else ?::date end
      where department_code = ? and id = ?`,
    [input.status, answering, on, answering && input.status !== ReferralStatus.REFUSED, on, referral.departmentCode, referral.id],
  );
  await recordAccess(ctx, { operation: 'UPDATE', recordType: 'Referral', recordIds: [referral.id] });
  const saved = await repository.byId(referral.departmentCode, referral.id);
  if (!saved) throw new Error(`referral ${referral.id} vanished`);
  return done(saved);
}

const referralsByAccompaniment = Symbol('referralsByAccompaniment');

/** Referrals made in an accompaniment the caller already reads (batched per request). */
export function referralsOf(ctx: SubgraphContext, accompanimentId: string): Promise<ReferralRecord[]> {
  const department = ctx.caller.departmentCode;
  return ctx.loaders
    .get<string, ReferralRecord[]>(referralsByAccompaniment, async (ids) => {
      const rows = await new ReferralRepository(ctx.em).byAccompaniments(department, ids);
      return ids.map((id) => rows.filter((r) => r.accompanimentId === id));
    })
    .load(accompanimentId);
}

const referredByPartner = Symbol('referredByPartner');

/** People currently referred (sent or accepted) to a partner, batched. */
export async function peopleReferredCount(ctx: SubgraphContext, partnerId: string): Promise<PublishedCount> {
  const department = ctx.caller.departmentCode;
  // An aggregate about people: exact for administrators and for the partner itself, else 1 to 10 suppressed.
  const exact = seesExactCounts(ctx.caller) || (ctx.caller.role === 'OPERATOR' && ctx.caller.partnerId === partnerId);
  const count = await ctx.loaders
    .get<string, number>(referredByPartner, async (ids) => {
      const valid = ids.filter((id) => UUID.test(id));
      const rows = valid.length ? await new ReferralRepository(ctx.em).openByPartner(department, valid) : [];
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
