import { recordAccess, type SubgraphContext } from '@passerelles/subgraph-kit';
import { assertCan } from '@passerelles/subgraph-kit';
import { decryptIdentity, type IdentityFields } from '../identity/identity.cipher.js';
import type { BeneficiaryRecord } from './beneficiary.entity.js';
import { BeneficiaryRepository } from './beneficiary.repository.js';

const beneficiariesById = Symbol('beneficiariesById');
const identitiesById = Symbol('identitiesById');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A person the caller may read (see `visiblePeople`: administrators, their référent, the operator
 * they are oriented to, their prescriber), batched: N references cost one query, plus one audit line.
 */
export function beneficiaryById(ctx: SubgraphContext, id: string): Promise<BeneficiaryRecord | null> {
  return ctx.loaders
    .get<string, BeneficiaryRecord | null>(beneficiariesById, async (ids) => {
      const valid = ids.filter((i) => UUID.test(i));
      const rows = valid.length ? await new BeneficiaryRepository(ctx.em).visibleByIds(ctx.caller, valid) : [];
      await recordAccess(ctx, { operation: 'READ', recordType: 'Beneficiary', recordIds: rows.map((r) => r.id) });
      const index = new Map(rows.map((r) => [r.id, r]));
      return ids.map((i) => index.get(i) ?? null);
    })
    .load(id);
}

/** `beneficiary(id)`: refused outright to roles that never read people (steering: aggregates only). */
export function readBeneficiary(ctx: SubgraphContext, id: string): Promise<BeneficiaryRecord | null> {
  assertCan(ctx.caller, 'person:read');
  return beneficiaryById(ctx, id);
}

/**
 * The identifying fields of a person the caller already reads, decrypted here and nowhere else;
 * every batch of decryptions is written to the audit log.
 */
export function identityOf(ctx: SubgraphContext, beneficiary: BeneficiaryRecord): Promise<IdentityFields | null> {
  return ctx.loaders
    .get<string, IdentityFields | null>(identitiesById, async (ids) => {
      const rows = await new BeneficiaryRepository(ctx.em).identities(ctx.caller.departmentCode, ids);
      await recordAccess(ctx, { operation: 'READ', recordType: 'BeneficiaryIdentity', recordIds: rows.map((r) => r.beneficiaryId) });
      const index = new Map(rows.map((r) => [r.beneficiaryId, decryptIdentity(r.ciphertext)]));
      return ids.map((i) => index.get(i) ?? null);
    })
    .load(beneficiary.id);
}
