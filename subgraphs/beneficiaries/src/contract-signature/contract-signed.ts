import type { EntityManager } from '@mikro-orm/postgresql';
import { contractSignedPayload, internalHandler, type ContractSigned } from '@passerelles/subgraph-kit';

/**
 * A contract was signed (contracts tells it, ADR 0021): kept as one row per contract, which is all
 * the legal delay chain (CONTRACT_SIGNED) and the CONTRACT_DUE alert read. Delivered at least once:
 * a second delivery of the same contract changes nothing. The row belongs to the Département of the
 * sender's token; it names a person by id only (the person's own row is what every read joins on).
 */
export async function recordContractSigned(em: EntityManager, departmentCode: string, eventId: string, signed: ContractSigned): Promise<boolean> {
  const inserted = await em.execute<{ contract_id: string }[]>(
    `insert into beneficiaries.contract_signature (contract_id, department_code, beneficiary_id, accompaniment_id, kind, signed_on, event_id)
     values (?, ?, ?, ?, ?, ?, ?) on conflict (contract_id) do nothing returning contract_id`,
    [signed.contractId, departmentCode, signed.beneficiaryId, signed.accompanimentId, signed.kind, signed.signedOn, eventId],
  );
  return inserted.length > 0;
}

/** `POST /internal/contract-signed`, from contracts only. */
export const contractSignedHandler = internalHandler({
  from: ['contracts'],
  payload: contractSignedPayload,
  handle: async (event) => {
    await recordContractSigned(event.em, event.sender.departmentCode, event.id, event.payload);
  },
});
