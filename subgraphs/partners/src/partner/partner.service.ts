import { byKeys, UserFacingError, type SubgraphContext } from '@passerelles/subgraph-kit';
import type { Partner } from './partner.entity.js';
import { PartnerRepository } from './partner.repository.js';

const partnersById = Symbol('partnersById');
export const MAX_PAGE_SIZE = 100;

/** A partner of the caller's Département, batched; `null` when unknown or elsewhere. */
export function partnerById(ctx: SubgraphContext, id: string): Promise<Partner | null> {
  const department = ctx.caller.departmentCode;
  return ctx.loaders
    .get<string, Partner | null>(partnersById, async (ids) =>
      byKeys(ids, await new PartnerRepository(ctx.em).byIds(department, ids), (p) => p.id),
    )
    .load(id);
}

function decodeCursor(cursor: string): { name: string; id: string } {
  try {
    const [name, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    if (typeof name === 'string' && typeof id === 'string') return { name, id };
  } catch {
    // fall through to the user-facing error
  }
  throw new UserFacingError('Invalid cursor: pass the endCursor of a previous page.', 'BAD_USER_INPUT', { argument: 'after' });
}

/** Partners of the caller's Département, a page at a time. */
export async function listPartners(
  ctx: SubgraphContext,
  first: number,
  after: string | null | undefined,
): Promise<{ nodes: Partner[]; endCursor: string | null; hasNextPage: boolean }> {
  if (first < 1 || first > MAX_PAGE_SIZE) {
    throw new UserFacingError(`first must be between 1 and ${MAX_PAGE_SIZE}.`, 'BAD_USER_INPUT', { argument: 'first' });
  }
  const rows = await new PartnerRepository(ctx.em).page(ctx.caller.departmentCode, first + 1, after ? decodeCursor(after) : null);
  const nodes = rows.slice(0, first);
  const last = nodes.at(-1);
  return {
    nodes,
    hasNextPage: rows.length > first,
    endCursor: last ? Buffer.from(JSON.stringify([last.name, last.id])).toString('base64url') : null,
  };
}
