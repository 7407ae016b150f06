import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCan, assertPageSize, byKeys, decodeCursor, kickOutbox, parseIsoDate, Refusal, refusalOf, scopeOf, todayIso, toPage, UserFacingError, type Caller, type MutationError, type PageInfo, type SubgraphContext } from '@passerelles/subgraph-kit';
import {
  ConventionAmendmentEntity,
  ConventionEntity,
  ConventionObjectiveEntity,
  ConventionTerritoryEntity,
  type Convention,
  type ConventionAmendment,
  type ConventionObjective,
  type ConventionTerritory,
} from './convention.entity.js';
import type { AmendConventionInput, ConventionFilterInput, ConventionTerritoryInput, CreateConventionInput } from './convention.input.js';
import { repositoryAccess } from '../access.js';
import { ConventionRepository, type ConventionAccess, type TerritoryConventionPlaces } from './convention.repository.js';
import type { ConventionAlertType } from './convention.type.js';
import { tellConventionPlaces } from './convention-places.event.js';
import { conventionOccupancyToday } from './occupancy.service.js';

/** 1 FTE = at most 90 places in active caseload (Pas-de-Calais call for projects): the default. */
export const PLACES_PER_FTE = 90;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const conventionsById = Symbol('conventionsById');
const placesByTerritory = Symbol('placesByTerritory');
const territoriesByConvention = Symbol('territoriesByConvention');
const objectivesByConvention = Symbol('objectivesByConvention');
const amendmentsByConvention = Symbol('amendmentsByConvention');
const conventionsByOperator = Symbol('conventionsByOperator');

/**
 * Conventions are not nominative: every role of the Département reads them, except that an
 * OPERATOR sees only its own, and a territory-limited caller those serving its territories.
 */
export function conventionAccess(caller: Caller): ConventionAccess {
  return repositoryAccess(caller, scopeOf(caller, 'convention:read'));
}

/** A convention the caller may see, batched. */
export function conventionById(ctx: SubgraphContext, id: string): Promise<Convention | null> {
  // Ids are UUIDs: anything else is simply not found (and never reaches SQL).
  if (!UUID.test(id)) return Promise.resolve(null);
  const access = conventionAccess(ctx.caller);
  return ctx.loaders
    .get<string, Convention | null>(conventionsById, async (ids) => byKeys(ids, await new ConventionRepository(ctx.em).byIds(access, ids), (c) => c.id))
    .load(id);
}

export async function listConventions(ctx: SubgraphContext, filter: ConventionFilterInput, first: number, after: string | null): Promise<{ nodes: Convention[]; pageInfo: PageInfo }> {
  assertPageSize(first);
  const position = after ? (decodeCursor(after, 2) as [string, string]) : null;
  const inForceOn = filter.inForceOn ? parseIsoDate(filter.inForceOn, 'filter.inForceOn') : null;
  const rows = await new ConventionRepository(ctx.em).page(conventionAccess(ctx.caller), { ...filter, inForceOn }, first + 1, position);
  return toPage(rows, first, (c) => [c.name, c.id]);
}

function batched<T extends { conventionId: string }>(ctx: SubgraphContext, key: symbol, fetch: (repository: ConventionRepository, department: string, ids: readonly string[]) => Promise<T[]>, conventionId: string): Promise<T[]> {
  const department = ctx.caller.departmentCode;
  return ctx.loaders
    .get<string, T[]>(key, async (ids) => {
      const rows = await fetch(new ConventionRepository(ctx.em), department, ids);
      return ids.map((id) => rows.filter((r) => r.conventionId === id));
    })
    .load(conventionId);
}

export function territoriesOf(ctx: SubgraphContext, conventionId: string): Promise<{ conventionId: string; territoryId: string; places: number }[]> {
  return batched(
    ctx,
    territoriesByConvention,
    async (r, d, ids) => (await r.territories(d, ids)).map((t: ConventionTerritory) => ({ conventionId: t.convention.id, territoryId: t.territoryId, places: t.places })),
    conventionId,
  );
}

export function objectivesOf(ctx: SubgraphContext, conventionId: string): Promise<ConventionObjective[]> {
  return batched(ctx, objectivesByConvention, (r, d, ids) => r.objectives(d, ids), conventionId);
}

export function amendmentsOf(ctx: SubgraphContext, conventionId: string): Promise<ConventionAmendment[]> {
  return batched(ctx, amendmentsByConvention, (r, d, ids) => r.amendments(d, ids), conventionId);
}

/** Conventions an operator runs, newest first (batched over operators; an OPERATOR sees only its own). */
export function conventionsOfOperator(ctx: SubgraphContext, operatorId: string, inForceOn: string | null): Promise<Convention[]> {
  const access = conventionAccess(ctx.caller);
  const day = inForceOn ? parseIsoDate(inForceOn, 'inForceOn') : null;
  // Keys are (day, operator); one query per distinct day in a batch (in practice one).
  return ctx.loaders
    .get<string, Convention[]>(conventionsByOperator, async (keys) => {
      const byDay = new Map<string, string[]>();
      for (const k of keys) {
        const [d, id] = k.split('|') as [string, string];
        byDay.set(d, [...(byDay.get(d) ?? []), id]);
      }
      const found = new Map<string, Convention[]>();
      for (const [d, ids] of byDay) {
        const rows = await new ConventionRepository(ctx.em).byOperators(access, ids, d === '' ? null : d);
        for (const id of ids) found.set(`${d}|${id}`, rows.filter((c) => c.operatorId === id));
      }
      return keys.map((k) => found.get(k) ?? []);
    })
    .load(`${day ?? ''}|${operatorId}`);
}

/** Places of the conventions in force today in a territory, one entry per convention (batched). */
export function conventionPlaces(ctx: SubgraphContext, territoryId: string): Promise<TerritoryConventionPlaces[]> {
  const department = ctx.caller.departmentCode;
  const today = todayIso();
  return ctx.loaders
    .get<string, TerritoryConventionPlaces[]>(placesByTerritory, async (ids) => {
      const rows = await new ConventionRepository(ctx.em).placesInForce(department, ids, today);
      return ids.map((id) => rows.filter((r) => r.territoryId === id));
    })
    .load(territoryId);
}

export async function placesContracted(ctx: SubgraphContext, territoryId: string): Promise<number> {
  const places = await conventionPlaces(ctx, territoryId);
  return places.reduce((sum, p) => sum + p.territoryPlaces, 0);
}

/** Conventions in force on `asOf` that end within `withinDays` days. */
export async function conventionAlerts(ctx: SubgraphContext, asOf: string | null, withinDays: number): Promise<ConventionAlertType[]> {
  if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > 365) throw new UserFacingError('withinDays must be between 0 and 365.', 'BAD_USER_INPUT', { argument: 'withinDays' });
  const day = asOf ? parseIsoDate(asOf, 'asOf') : todayIso();
  const rows = await new ConventionRepository(ctx.em).endingSoon(conventionAccess(ctx.caller), day, withinDays);
  const conventions = await Promise.all(rows.map((r) => conventionById(ctx, r.id)));
  return rows.map((r, i) => ({ kind: 'ENDING_SOON', convention: conventions[i]!, daysLeft: r.daysLeft, occupancyPercent: null }));
}

/**
 * Active caseload today (from beneficiaries) against the places in force today: below
 * `belowPercent` % of them, or above them. `null` when within bounds. The percentage is the
 * occupancy (`occupancyAt.rate`) in percent.
 */
export async function caseloadAlert(ctx: SubgraphContext, convention: Convention & { activeCaseload?: number | null }, belowPercent: number): Promise<ConventionAlertType | null> {
  if (!Number.isInteger(belowPercent) || belowPercent < 0 || belowPercent > 100) throw new UserFacingError('belowPercent must be between 0 and 100.', 'BAD_USER_INPUT', { argument: 'belowPercent' });
  const caseload = convention.activeCaseload;
  if (caseload === null || caseload === undefined) return null;
  const rate = await conventionOccupancyToday(ctx, convention.id, caseload);
  if (rate === null) return null;
  const occupancyPercent = Math.round(rate * 100);
  if (rate > 1) return { kind: 'CASELOAD_ABOVE_PLACES', convention, daysLeft: null, occupancyPercent };
  if (rate * 100 < belowPercent) return { kind: 'CASELOAD_BELOW_PLACES', convention, daysLeft: null, occupancyPercent };
  return null;
}

// ── Writes (ADMIN) ──────────────────────────────────────────────────────────────────────────

export interface ConventionMutationResult {
  ok: boolean;
  error: MutationError | null;
  convention: Convention | null;
}

async function write(ctx: SubgraphContext, change: (em: EntityManager) => Promise<Convention>): Promise<ConventionMutationResult> {
  assertCan(ctx.caller, 'convention:write');
  try {
    const convention = await ctx.em.transactional(async (em) => {
      const changed = await change(em);
      await tellConventionPlaces(em, changed.departmentCode, changed.id);
      return changed;
    });
    // The places' event waits in the outbox: deliver it now rather than at the next poll.
    kickOutbox('contracts');
    return { ok: true, error: null, convention };
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal) return { ok: false, error: refusal, convention: null };
    throw error;
  }
}

function fteOf(value: number): string {
  if (!(value > 0) || Math.round(value * 100) !== value * 100 || value > 1000) throw new Refusal('INVALID_FTE', 'FTE must be positive, with at most two decimals.');
  return value.toFixed(2);
}

/** More places or a larger objective than any Département has people on the RSA is a typing error. */
const MAX_PLACES = 100_000;
const MAX_TARGET = 1_000_000;

function checkPlaces(places: number, territories: readonly ConventionTerritoryInput[]): void {
  if (!Number.isInteger(places) || places <= 0 || places > MAX_PLACES) throw new Refusal('INVALID_PLACES', 'Places must be a whole number from 1 to 100 000.');
  if (territories.some((t) => !Number.isInteger(t.places) || t.places < 0 || t.places > MAX_PLACES)) throw new Refusal('INVALID_PLACES', 'Places per territory are whole numbers from 0 to 100 000.');
  if (new Set(territories.map((t) => t.territoryId)).size !== territories.length) throw new Refusal('DUPLICATE_TERRITORY', 'Each territory appears once.');
  const sum = territories.reduce((s, t) => s + t.places, 0);
  if (territories.length > 0 && sum !== places) throw new Refusal('TERRITORY_PLACES_DO_NOT_ADD_UP', `The places per territory add up to ${sum}, not ${places}.`);
}

export function createConvention(ctx: SubgraphContext, input: CreateConventionInput): Promise<ConventionMutationResult> {
  return write(ctx, async (em) => {
    const department = ctx.caller.departmentCode;
    const startsOn = parseIsoDate(input.startsOn, 'startsOn');
    const endsOn = parseIsoDate(input.endsOn, 'endsOn');
    if (endsOn < startsOn) throw new Refusal('DATES_OUT_OF_ORDER', 'The end must come on or after the start.');
    const fte = fteOf(input.fte);
    const places = input.places ?? Math.round(Number(fte) * PLACES_PER_FTE);
    checkPlaces(places, input.territories);
    if (input.objectives.some((o) => o.label.trim() === '' || (o.target !== null && o.target !== undefined && (o.target < 0 || o.target > MAX_TARGET)))) {
      throw new Refusal('INVALID_OBJECTIVE', 'Objectives need a label and a target from 0 to 1 000 000.');
    }
    const id = randomUUID();
    const convention = em.create(ConventionEntity, {
      id,
      departmentCode: department,
      operatorId: input.operatorId,
      programmeId: input.programmeId,
      name: input.name,
      startsOn,
      endsOn,
      fte,
      places,
      signedOn: input.signedOn ? parseIsoDate(input.signedOn, 'signedOn') : null,
      createdAt: new Date(),
    });
    await em.flush();
    for (const t of input.territories) em.create(ConventionTerritoryEntity, { convention: id, territoryId: t.territoryId, departmentCode: department, places: t.places });
    input.objectives.forEach((o, position) => em.create(ConventionObjectiveEntity, { id: randomUUID(), departmentCode: department, conventionId: id, position, kind: o.kind, label: o.label, target: o.target ?? null }));
    await em.flush();
    return convention;
  });
}

/** Applies an amendment and keeps it, with the values before and after, as the convention's history. */
export function amendConvention(ctx: SubgraphContext, input: AmendConventionInput): Promise<ConventionMutationResult> {
  return write(ctx, async (em) => {
    const department = ctx.caller.departmentCode;
    const [convention] = UUID.test(input.conventionId) ? await new ConventionRepository(em).byIds({ departmentCode: department }, [input.conventionId]) : [];
    if (!convention) throw new Refusal('NOT_FOUND', 'No such convention in your Département.');
    const before = { fte: convention.fte, places: convention.places, startsOn: convention.startsOn, endsOn: convention.endsOn };
    const fte = input.fte !== null && input.fte !== undefined ? fteOf(input.fte) : before.fte;
    const places = input.places ?? (fte !== before.fte ? Math.round(Number(fte) * PLACES_PER_FTE) : before.places);
    const startsOn = input.startsOn ? parseIsoDate(input.startsOn, 'startsOn') : before.startsOn;
    const endsOn = input.endsOn ? parseIsoDate(input.endsOn, 'endsOn') : before.endsOn;
    if (endsOn < startsOn) throw new Refusal('DATES_OUT_OF_ORDER', 'The end must come on or after the start.');
    if (Number(fte) === Number(before.fte) && places === before.places && startsOn === before.startsOn && endsOn === before.endsOn && !input.territories) {
      throw new Refusal('NO_CHANGE', 'The amendment changes nothing.');
    }
    const current = await new ConventionRepository(em).territories(department, [convention.id]);
    let territories: ConventionTerritoryInput[];
    if (input.territories) territories = input.territories;
    else if (places === before.places || current.length === 0) territories = current.map((t) => ({ territoryId: t.territoryId, places: t.places }));
    else if (current.length === 1) territories = [{ territoryId: current[0]!.territoryId, places }];
    else throw new Refusal('TERRITORY_PLACES_REQUIRED', 'The convention serves several territories: give the new places of each.');
    checkPlaces(places, territories);
    const numbers: { n: number | null }[] = await em.execute(`select max(number) as n from contracts.convention_amendment where department_code = ? and convention_id = ?`, [department, convention.id]);
    em.create(ConventionAmendmentEntity, {
      id: randomUUID(),
      departmentCode: department,
      conventionId: convention.id,
      number: Number(numbers[0]?.n ?? 0) + 1,
      signedOn: parseIsoDate(input.signedOn, 'signedOn'),
      reason: input.reason,
      fteBefore: before.fte,
      fteAfter: fte,
      placesBefore: before.places,
      placesAfter: places,
      startsOnBefore: before.startsOn,
      startsOnAfter: startsOn,
      endsOnBefore: before.endsOn,
      endsOnAfter: endsOn,
      createdAt: new Date(),
    });
    Object.assign(convention, { fte, places, startsOn, endsOn });
    await em.flush();
    // Replaced in SQL: the rows loaded above stay in the identity map with their old values otherwise.
    await em.execute(`delete from contracts.convention_territory where department_code = ? and convention_id = ?`, [department, convention.id]);
    if (territories.length > 0) {
      await em.execute(
        `insert into contracts.convention_territory (department_code, convention_id, territory_id, places)
         select ?, ?, t."territoryId", t.places from jsonb_to_recordset(?::jsonb) as t("territoryId" text, places int)`,
        [department, convention.id, JSON.stringify(territories)],
      );
    }
    return convention;
  });
}
