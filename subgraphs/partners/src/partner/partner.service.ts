import { randomUUID } from 'node:crypto';
import { assertCan, assertPageSize, byKeys, can, decodeCursor, mutationError, todayIso, toPage, UserFacingError, type Caller, type MutationError, type SubgraphContext } from '@passerelles/subgraph-kit';
import { parseOpeningHours } from '../directory/hours.js';
import { cursorOf, refreshDerived, searchPlan, type SearchArgs } from '../directory/search.js';
import { ServiceRepository } from '../service/service.repository.js';
import { PartnerEntity, type Partner } from './partner.entity.js';
import type { PartnerInput } from './partner.input.js';
import { communeExists, PartnerRepository, staleQuery } from './partner.repository.js';
import { staleBefore } from './partner.type.js';

const partnersById = Symbol('partnersById');

/** A partner of the caller's Département, batched; `null` when unknown or elsewhere. */
export function partnerById(ctx: SubgraphContext, id: string): Promise<Partner | null> {
  const department = ctx.caller.departmentCode;
  return ctx.loaders
    .get<string, Partner | null>(partnersById, async (ids) =>
      byKeys(ids, await new PartnerRepository(ctx.em).byIds(department, ids), (p) => p.id),
    )
    .load(id);
}

/** Partners of the caller's Département, a page at a time. */
export async function listPartners(
  ctx: SubgraphContext,
  first: number,
  after: string | null | undefined,
): Promise<{ nodes: Partner[]; endCursor: string | null; hasNextPage: boolean }> {
  // The kit's cursor pagination, over (name, id).
  assertPageSize(first);
  const position = after ? decodeCursor(after, 2).map(String) : null;
  const rows = await new PartnerRepository(ctx.em).page(ctx.caller.departmentCode, first + 1, position ? { name: position[0]!, id: position[1]! } : null);
  const { nodes, pageInfo } = toPage(rows, first, (p) => [p.name, p.id]);
  return { nodes, endCursor: pageInfo.endCursor, hasNextPage: pageInfo.hasNextPage };
}

export interface PartnerSearchResult {
  edges: { partner: Partner; serviceIds: string[]; distanceKm: number | null; rank: number | null; cursor: string }[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  totalCount: number;
}

/**
 * The directory search by structure: the same criteria, order and paging as `searchServices`, one
 * result per structure with the services that matched. Listings are not nominative: every role of
 * the Département may search.
 */
export async function searchPartners(ctx: SubgraphContext, args: SearchArgs, now: Date = new Date()): Promise<PartnerSearchResult> {
  const { criteria, order, after } = searchPlan(ctx, args, now);
  const { rows, total } = await new PartnerRepository(ctx.em).search(criteria, order, after, args.first + 1);
  const page = rows.slice(0, args.first);
  const partners = await Promise.all(page.map((r) => partnerById(ctx, r.id)));
  const edges = page.flatMap((r, i) => {
    const partner = partners[i];
    return partner ? [{ partner, serviceIds: r.service_ids, distanceKm: r.distance_km, rank: r.rank, cursor: cursorOf(order, r) }] : [];
  });
  return { edges, pageInfo: { hasNextPage: rows.length > args.first, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: total };
}

export interface PartnerMutationResult {
  ok: boolean;
  error: MutationError | null;
  partner: Partner | null;
}

const failure = (code: string, message: string, field: string | null = null): PartnerMutationResult => ({ ok: false, error: mutationError({ code, message, field }), partner: null });

async function checkInput(ctx: SubgraphContext, input: PartnerInput): Promise<PartnerMutationResult | null> {
  if (input.name !== undefined && (!input.name || input.name.trim().length < 3)) return failure('INVALID_NAME', 'The name must have at least 3 characters.', 'name');
  if (input.communeCode && !(await communeExists(ctx.em, input.communeCode))) return failure('UNKNOWN_COMMUNE', `Unknown commune code ${input.communeCode}.`, 'communeCode');
  if (input.hours) {
    const parsed = parseOpeningHours(input.hours);
    if (!parsed.ok) return failure('INVALID_HOURS', parsed.error, 'hours');
  }
  if ((input.latitude === null || input.latitude === undefined) !== (input.longitude === null || input.longitude === undefined)) {
    return failure('INCOMPLETE_COORDINATES', 'Give both latitude and longitude, or neither.', input.latitude === null || input.latitude === undefined ? 'latitude' : 'longitude');
  }
  if (typeof input.latitude === 'number' && Math.abs(input.latitude) > 90) return failure('OUT_OF_RANGE', 'latitude must be between -90 and 90.', 'latitude');
  if (typeof input.longitude === 'number' && Math.abs(input.longitude) > 180) return failure('OUT_OF_RANGE', 'longitude must be between -180 and 180.', 'longitude');
  return null;
}

function apply(partner: Partner, input: PartnerInput): void {
  const set = <K extends keyof PartnerInput & keyof Partner>(key: K): void => {
    if (input[key] !== undefined) (partner as Record<K, unknown>)[key] = input[key];
  };
  if (input.name) partner.name = input.name.trim();
  if (input.kind) partner.kind = input.kind;
  if (input.communeCode) partner.communeCode = input.communeCode;
  for (const key of ['description', 'siret', 'address', 'postalCode', 'latitude', 'longitude', 'phone', 'email', 'website', 'stepFreeAccess'] as const) set(key);
  if (input.hours !== undefined) partner.openingHours = input.hours;
  if (input.signLanguage !== undefined && input.signLanguage !== null) partner.signLanguage = input.signLanguage;
  if (input.languages !== undefined) partner.languages = input.languages ?? [];
  if (input.networks !== undefined) partner.networks = input.networks;
}

/** Creates a structure listing in the caller's Département (ADMIN). */
export async function createPartner(ctx: SubgraphContext, input: PartnerInput): Promise<PartnerMutationResult> {
  assertCan(ctx.caller, 'listing:create');
  if (!input.name || !input.kind || !input.communeCode) return failure('REQUIRED', 'A structure needs a name, a kind and a commune code.', !input.name ? 'name' : !input.kind ? 'kind' : 'communeCode');
  const refused = await checkInput(ctx, input);
  if (refused) return refused;
  const partner = ctx.em.create(PartnerEntity, {
    id: randomUUID(),
    departmentCode: ctx.caller.departmentCode,
    name: input.name.trim(),
    kind: input.kind,
    communeCode: input.communeCode,
    source: 'passerelles',
    signLanguage: false,
    languages: [],
    listingUpdatedOn: todayIso(),
    createdAt: new Date(),
    updatedAt: new Date(),
  });
  apply(partner, input);
  await ctx.em.flush();
  return { ok: true, error: null, partner };
}

/**
 * The fields of a listing that the Département vouches for: only `listing:editIdentity` (ADMIN)
 * changes them. The rest (contacts, address, hours, accessibility, description) is the practical
 * listing, which the structure's own operator keeps up to date (`listing:edit`).
 */
export const identityFields = ['name', 'kind', 'siret', 'networks', 'communeCode'] as const;
type IdentityField = (typeof identityFields)[number];

const sameSet = (a: readonly string[] | null | undefined, b: readonly string[] | null | undefined): boolean => {
  const [x, y] = [new Set(a ?? []), new Set(b ?? [])];
  return x.size === y.size && [...x].every((v) => y.has(v));
};

/**
 * The first identity field the input would change (as `apply` writes it), or null: a value sent
 * back as it is stored is no change, so that a form may post every field it shows.
 */
function changedIdentityField(partner: Partner, input: PartnerInput): IdentityField | null {
  const changes: Record<IdentityField, boolean> = {
    name: !!input.name && input.name.trim() !== partner.name,
    kind: !!input.kind && input.kind !== partner.kind,
    siret: input.siret !== undefined && (input.siret ?? null) !== (partner.siret ?? null),
    networks: input.networks !== undefined && !sameSet(input.networks, partner.networks),
    communeCode: !!input.communeCode && input.communeCode !== partner.communeCode,
  };
  return identityFields.find((field) => changes[field]) ?? null;
}

/** The row a listing action is checked against: the structure, for its own operator. */
const listingRow = (partner: { id: string; departmentCode: string }) => ({ departmentCode: partner.departmentCode, operatorId: partner.id });

/** Updates a structure listing (ADMIN, or its own OPERATOR, who may not change its identity) and its freshness date. */
export async function updatePartner(ctx: SubgraphContext, id: string, input: PartnerInput): Promise<PartnerMutationResult> {
  assertCan(ctx.caller, 'listing:edit');
  const partner = await partnerById(ctx, id);
  if (!partner) throw new UserFacingError('No such partner.', 'NOT_FOUND');
  if (!can(ctx.caller, 'listing:edit', listingRow(partner))) {
    throw new UserFacingError('You may only edit the listing of your own structure.', 'FORBIDDEN');
  }
  const refused = await checkInput(ctx, input);
  if (refused) return refused;
  const identity = mayEditIdentity(ctx.caller, partner) ? null : changedIdentityField(partner, input);
  if (identity) {
    return failure(
      'IDENTITY_FIELD_NOT_EDITABLE',
      `The field ${identity} is part of the structure's identity, which the Département vouches for: only its administrators may change it (send it unchanged, or leave it out).`,
      identity,
    );
  }
  apply(partner, input);
  partner.listingUpdatedOn = todayIso();
  await ctx.em.flush();
  // Its services' search text, point and hours derive from the structure.
  const services = await new ServiceRepository(ctx.em).serviceIdsOfPartners(partner.departmentCode, [partner.id]);
  await refreshDerived(ctx.em, partner.departmentCode, services.map((s) => s.id));
  return { ok: true, error: null, partner };
}

/** Archives a structure listing (ADMIN); its services leave search with it. */
export async function archivePartner(ctx: SubgraphContext, id: string): Promise<PartnerMutationResult> {
  assertCan(ctx.caller, 'listing:archive');
  const partner = await partnerById(ctx, id);
  if (!partner) throw new UserFacingError('No such partner.', 'NOT_FOUND');
  partner.archivedAt ??= new Date();
  await ctx.em.flush();
  return { ok: true, error: null, partner };
}

/** Whether the caller may edit this structure's listing (`listing:edit`: ADMIN, or its own operator). */
export function mayEditListing(caller: Caller, partner: { id: string; departmentCode: string }): boolean {
  return can(caller, 'listing:edit', listingRow(partner));
}

/** Whether the caller may also change its identity (`listing:editIdentity`: ADMIN): name, kind, SIRET, networks, commune. */
export function mayEditIdentity(caller: Caller, partner: { id: string; departmentCode: string }): boolean {
  return can(caller, 'listing:editIdentity', listingRow(partner));
}

/** Live listings of the caller's Département not updated for 6 months, oldest first (ADMIN). */
export function staleListings(ctx: SubgraphContext, today: Date = new Date()): Promise<Partner[]> {
  assertCan(ctx.caller, 'listing:review');
  return staleQuery(ctx.em, ctx.caller.departmentCode, staleBefore(today));
}
