import { byKeys, recordAccess, type SubgraphContext } from '@passerelles/subgraph-kit';
import type { Beneficiary } from './beneficiary.entity.js';
import { BeneficiaryRepository } from './beneficiary.repository.js';

const beneficiariesById = Symbol('beneficiariesById');

/**
 * A person of the caller's Département, batched. Only administrators read people in this
 * walking skeleton; caseload rules for référents and operators come with the identity work.
 */
export function beneficiaryById(ctx: SubgraphContext, id: string): Promise<Beneficiary | null> {
  if (ctx.caller.role !== 'ADMIN') return Promise.resolve(null);
  const department = ctx.caller.departmentCode;
  return ctx.loaders
    .get<string, Beneficiary | null>(beneficiariesById, async (ids) => {
      const found = await new BeneficiaryRepository(ctx.em).byIds(department, ids);
      await recordAccess(ctx, { operation: 'READ', recordType: 'Beneficiary', recordIds: found.map((b) => b.id) });
      return byKeys(ids, found, (b) => b.id);
    })
    .load(id);
}
