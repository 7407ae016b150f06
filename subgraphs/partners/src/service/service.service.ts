import { randomUUID } from 'node:crypto';
import {
  assertCan,
  byKeys,
  can,
  mutationError,
  todayIso,
  UserFacingError,
  type MutationError,
  type SubgraphContext,
} from '@passerelles/subgraph-kit';
import { parseOpeningHours } from '../directory/hours.js';
import { fromEnumName, slugs } from '../directory/vocabulary.js';
import { PermanenceRepository } from '../permanence/permanence.repository.js';
import type { Permanence } from '../permanence/permanence.entity.js';
import { partnerById } from '../partner/partner.service.js';
import { cursorOf, refreshDerived, searchPlan, type SearchArgs, type SearchResult } from '../directory/search.js';
import { ServiceEntity, type Service } from './service.entity.js';
import type { ServiceCapacityInput, ServiceInput } from './service.input.js';
import { ServiceRepository } from './service.repository.js';

const servicesById = Symbol('servicesById');
const servicesOfPartners = Symbol('servicesOfPartners');
const permanencesOfServices = Symbol('permanencesOfServices');

/** A service of the caller's Département, batched; `null` when unknown or elsewhere. */
export function serviceById(ctx: SubgraphContext, id: string): Promise<Service | null> {
  const department = ctx.caller.departmentCode;
  return ctx.loaders
    .get<string, Service | null>(servicesById, async (ids) => byKeys(ids, await new ServiceRepository(ctx.em).byIds(department, ids), (s) => s.id))
    .load(id);
}

/** Live services of a partner, batched over partners. */
export function servicesOfPartner(ctx: SubgraphContext, partnerId: string): Promise<Service[]> {
  const department = ctx.caller.departmentCode;
  return ctx.loaders
    .get<string, Service[]>(servicesOfPartners, async (ids) => {
      const rows = await new ServiceRepository(ctx.em).ofPartners(department, ids);
      return ids.map((id) => rows.filter((s) => s.partnerId === id));
    })
    .load(partnerId);
}

/** Permanences of a service, batched over services. */
export function permanencesOfService(ctx: SubgraphContext, serviceId: string): Promise<Permanence[]> {
  const department = ctx.caller.departmentCode;
  return ctx.loaders
    .get<string, Permanence[]>(permanencesOfServices, async (ids) => {
      const rows = await new PermanenceRepository(ctx.em).ofServices(department, ids);
      return ids.map((id) => rows.filter((p) => p.serviceId === id));
    })
    .load(serviceId);
}

export async function searchServices(ctx: SubgraphContext, args: SearchArgs, now: Date = new Date()): Promise<SearchResult> {
  const { criteria, order, after } = searchPlan(ctx, args, now);
  const rows = await new ServiceRepository(ctx.em).search(criteria, order, after, args.first + 1);
  const page = rows.slice(0, args.first);
  const services = await Promise.all(page.map((r) => serviceById(ctx, r.id)));
  const edges = page.flatMap((r, i) => {
    const service = services[i];
    return service ? [{ service, partnerId: r.partner_id, distanceKm: r.distance_km, rank: r.rank, cursor: cursorOf(order, r) }] : [];
  });
  return { edges, pageInfo: { hasNextPage: rows.length > args.first, endCursor: edges.at(-1)?.cursor ?? null } };
}

export interface ServiceMutationResult {
  ok: boolean;
  error: MutationError | null;
  service: Service | null;
}

const failure = (code: string, message: string, field: string | null = null): ServiceMutationResult => ({ ok: false, error: mutationError({ code, message, field }), service: null });

/** Who may write a service of this partner: the Département's admins, or the partner's own operator (update only). */
async function assertMayWrite(ctx: SubgraphContext, partnerId: string, operatorAllowed: boolean): Promise<void> {
  const action = operatorAllowed ? 'listing:edit' : 'listing:create';
  assertCan(ctx.caller, action);
  if (!can(ctx.caller, action, { departmentCode: ctx.caller.departmentCode, operatorId: partnerId })) {
    throw new UserFacingError('You may only edit the listing of your own structure.', 'FORBIDDEN');
  }
}

function checkInput(input: ServiceInput): ServiceMutationResult | null {
  if (input.name !== undefined && (!input.name || input.name.trim().length < 3)) return failure('INVALID_NAME', 'The name must have at least 3 characters.', 'name');
  if (input.hours) {
    const parsed = parseOpeningHours(input.hours);
    if (!parsed.ok) return failure('INVALID_HOURS', parsed.error, 'hours');
  }
  return null;
}

function apply(service: Service, input: ServiceInput): void {
  if (input.name !== undefined && input.name !== null) service.name = input.name.trim();
  if (input.description !== undefined) service.description = input.description ?? '';
  if (input.type !== undefined) service.type = input.type ? fromEnumName(input.type) : null;
  if (input.themes !== undefined) service.themes = slugs(input.themes) ?? [];
  if (input.fee !== undefined) service.fee = input.fee ? fromEnumName(input.fee) : null;
  if (input.publics !== undefined) service.publics = slugs(input.publics);
  if (input.accessConditions !== undefined) service.accessConditions = input.accessConditions;
  if (input.receptionModes !== undefined) service.receptionModes = slugs(input.receptionModes);
  if (input.mobilisationModes !== undefined) service.mobilisationModes = slugs(input.mobilisationModes);
  if (input.mobilisableBy !== undefined) service.mobilisableBy = slugs(input.mobilisableBy);
  if (input.eligibilityZone !== undefined) service.eligibilityZone = input.eligibilityZone && input.eligibilityZone.length > 0 ? input.eligibilityZone : null;
  if (input.communeCode !== undefined) service.communeCode = input.communeCode;
  if (input.address !== undefined) service.address = input.address;
  if (input.phone !== undefined) service.phone = input.phone;
  if (input.email !== undefined) service.email = input.email;
  if (input.hours !== undefined) service.openingHours = input.hours;
}

/** Creates a service listing (ADMIN). */
export async function createService(ctx: SubgraphContext, partnerId: string, input: ServiceInput): Promise<ServiceMutationResult> {
  assertCan(ctx.caller, 'listing:create');
  const partner = await partnerById(ctx, partnerId);
  if (!partner) throw new UserFacingError('No such partner.', 'NOT_FOUND');
  if (!input.name) return failure('REQUIRED', 'A service needs a name.', 'name');
  const refused = checkInput(input);
  if (refused) return refused;
  const service = ctx.em.create(ServiceEntity, {
    id: randomUUID(),
    departmentCode: partner.departmentCode,
    partnerId,
    source: 'passerelles',
    name: input.name.trim(),
    description: '',
    themes: [],
    listingUpdatedOn: todayIso(),
    createdAt: new Date(),
    updatedAt: new Date(),
  });
  apply(service, input);
  await ctx.em.flush();
  await refreshDerived(ctx.em, service.departmentCode, [service.id]);
  return { ok: true, error: null, service };
}

/** Updates a service listing (ADMIN, or the partner's own OPERATOR); refreshes its freshness date. */
export async function updateService(ctx: SubgraphContext, id: string, input: ServiceInput): Promise<ServiceMutationResult> {
  assertCan(ctx.caller, 'listing:edit');
  const service = await serviceById(ctx, id);
  if (!service) throw new UserFacingError('No such service.', 'NOT_FOUND');
  await assertMayWrite(ctx, service.partnerId, true);
  const refused = checkInput(input);
  if (refused) return refused;
  apply(service, input);
  service.listingUpdatedOn = todayIso();
  await ctx.em.flush();
  await refreshDerived(ctx.em, service.departmentCode, [service.id]);
  return { ok: true, error: null, service };
}

/** Archives a service listing (ADMIN): kept, never found again by search or coverage. */
export async function archiveService(ctx: SubgraphContext, id: string): Promise<ServiceMutationResult> {
  assertCan(ctx.caller, 'listing:archive');
  const service = await serviceById(ctx, id);
  if (!service) throw new UserFacingError('No such service.', 'NOT_FOUND');
  service.archivedAt ??= new Date();
  await ctx.em.flush();
  return { ok: true, error: null, service };
}

/** Beyond these, a capacity is a typing error (and would not fit its column). */
const CAPACITY_MAX: Record<keyof ServiceCapacityInput, number> = { fte: 1_000, places: 100_000, waitingDays: 3_650 };

/** Updates the capacity of a service (ADMIN, or the partner's own OPERATOR). */
export async function updateServiceCapacity(ctx: SubgraphContext, id: string, input: ServiceCapacityInput): Promise<ServiceMutationResult> {
  assertCan(ctx.caller, 'capacity:update');
  const service = await serviceById(ctx, id);
  if (!service) throw new UserFacingError('No such service.', 'NOT_FOUND');
  await assertMayWrite(ctx, service.partnerId, true);
  for (const [name, value] of Object.entries(input)) {
    const max = CAPACITY_MAX[name as keyof ServiceCapacityInput];
    if (typeof value === 'number' && (value < 0 || !Number.isFinite(value) || value > max)) return failure('OUT_OF_RANGE', `${name} must be from 0 to ${max}.`, name);
  }
  if (input.fte !== undefined) service.capacityFte = input.fte === null ? null : input.fte.toFixed(2);
  if (input.places !== undefined) service.capacityPlaces = input.places;
  if (input.waitingDays !== undefined) service.capacityWaitingDays = input.waitingDays;
  service.capacityUpdatedAt = new Date();
  await ctx.em.flush();
  return { ok: true, error: null, service };
}
