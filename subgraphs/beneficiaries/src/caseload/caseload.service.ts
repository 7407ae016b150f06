import { assertCan, assertPageSize, decodeCursor, recordAccess, todayIso, toPage, UserFacingError, type PageInfo, type SubgraphContext } from '@passerelles/subgraph-kit';
import { CaseloadAlert } from '../accompaniment/accompaniment.enums.js';
import type { BeneficiaryRecord } from '../beneficiary/beneficiary.entity.js';
import { nameQueryIndex } from '../identity/identity.cipher.js';
import { CaseloadRepository, type AlertRow, type CaseloadFilter } from './caseload.repository.js';
import type { CaseloadConnection } from './caseload.type.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** At most this many people in `among` (a référent's CER alerts fit many times over). */
export const MAX_AMONG = 1000;
/** A name search is a few words. */
const MAX_NAME_SEARCH = 100;
const alertsByBeneficiary = Symbol('alertsByBeneficiary');

/**
 * The caller's caseload, paginated by id: a référent's own people (open accompaniments they
 * follow); for an administrator, every open accompaniment of the Département (of their territories
 * when they are limited to some). Optionally only the people raising `alert`, or among given ids.
 * Every page read is audited.
 */
export async function caseload(
  ctx: SubgraphContext,
  options: { first: number; after: string | null; alert: CaseloadAlert | null; among: readonly string[] | null; name?: string | null },
): Promise<CaseloadConnection> {
  assertCan(ctx.caller, 'caseload:read');
  assertPageSize(options.first);
  if (options.among && options.among.length > MAX_AMONG) throw new UserFacingError(`among takes at most ${MAX_AMONG} ids.`, 'BAD_USER_INPUT', { argument: 'among' });
  const name = options.name?.trim() ? options.name : null;
  if (name !== null && name.length > MAX_NAME_SEARCH) throw new UserFacingError(`name takes at most ${MAX_NAME_SEARCH} characters.`, 'BAD_USER_INPUT', { argument: 'name' });
  const nameIndex = name === null ? null : nameQueryIndex(name);
  if (nameIndex !== null && nameIndex.length === 0) throw new UserFacingError('name must hold at least one letter or digit.', 'BAD_USER_INPUT', { argument: 'name' });
  const filter: CaseloadFilter = { alert: options.alert, among: options.among ? options.among.filter((id) => UUID.test(id)) : null, nameIndex };
  const after = options.after ? String(decodeCursor(options.after, 1)[0]) : null;
  if (after !== null && !UUID.test(after)) throw new UserFacingError('Invalid cursor: pass the endCursor of a previous page.', 'BAD_USER_INPUT', { argument: 'after' });
  const today = todayIso();
  const rows = await new CaseloadRepository(ctx.em).page(ctx.caller, filter, { first: options.first, after, today });
  const page = toPage(rows, options.first, (r) => [r.id]);
  await recordAccess(ctx, { operation: 'READ', recordType: 'Beneficiary', recordIds: page.nodes.map((r) => r.id) });
  return { ...page, filter, today };
}

/** How many people the caseload holds with the page's filter (every page). */
export function caseloadTotal(ctx: SubgraphContext, connection: CaseloadConnection): Promise<number> {
  return new CaseloadRepository(ctx.em).count(ctx.caller, connection.filter, connection.today);
}

/** For every alert (zeros included), the people of the whole caseload raising it, whatever the page's filter. */
export async function caseloadAlertCounts(ctx: SubgraphContext, today: string): Promise<{ alert: CaseloadAlert; people: number }[]> {
  const rows = await new CaseloadRepository(ctx.em).alertCounts(ctx.caller, today);
  const index = new Map(rows.map((r) => [r.kind, r.people]));
  return Object.values(CaseloadAlert).map((alert) => ({ alert, people: index.get(alert) ?? 0 }));
}

/** The alerts a person the caller already reads raises today, batched: N people cost one query. */
export function alertsOf(ctx: SubgraphContext, beneficiaryId: string): Promise<AlertRow[]> {
  const today = todayIso();
  return ctx.loaders
    .get<string, AlertRow[]>(alertsByBeneficiary, async (ids) => {
      const rows = await new CaseloadRepository(ctx.em).alertsOf(ctx.caller, ids, today);
      return ids.map((id) => rows.filter((r) => r.beneficiaryId === id));
    })
    .load(beneficiaryId);
}

/**
 * A prescriber's people: everyone with an accompaniment they prescribed (open or ended), the most
 * recent prescription first. Each person's `accompaniments` then shows only those they prescribed.
 * Every page read is audited.
 */
export async function prescribed(ctx: SubgraphContext, options: { first: number; after: string | null }): Promise<{ nodes: BeneficiaryRecord[]; pageInfo: PageInfo }> {
  assertCan(ctx.caller, 'prescribed:read');
  assertPageSize(options.first);
  let after: { lastPrescribedOn: string; id: string } | null = null;
  if (options.after) {
    const [lastPrescribedOn, id] = decodeCursor(options.after, 2).map(String) as [string, string];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(lastPrescribedOn) || !UUID.test(id)) throw new UserFacingError('Invalid cursor: pass the endCursor of a previous page.', 'BAD_USER_INPUT', { argument: 'after' });
    after = { lastPrescribedOn, id };
  }
  const rows = await new CaseloadRepository(ctx.em).prescribed(ctx.caller, { first: options.first, after });
  const page = toPage(rows, options.first, (r) => [r.lastPrescribedOn, r.id]);
  await recordAccess(ctx, { operation: 'READ', recordType: 'Beneficiary', recordIds: page.nodes.map((r) => r.id) });
  return page;
}
