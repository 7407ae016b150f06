import type pg from 'pg';

/**
 * What contracts would have told beneficiaries of the demo's contracts (`contract-signed`, ADR
 * 0021): one row per contract signed, for the legal delay chain and the CONTRACT_DUE alert. The
 * seed writes contracts' rows directly, not through its service, so it writes their events' effect
 * too; a contract cancelled before signature has no signature.
 */
export async function seedContractSignatures(client: pg.Client): Promise<{ contractSignatures: number }> {
  const result = await client.query(
    `insert into beneficiaries.contract_signature (contract_id, department_code, beneficiary_id, accompaniment_id, kind, signed_on, event_id)
     select c.id, c.department_code, c.beneficiary_id, c.accompaniment_id, c.kind, c.signed_on, gen_random_uuid()
       from contracts.engagement_contract c
      where c.signed_on is not null
     on conflict (contract_id) do nothing`,
  );
  return { contractSignatures: result.rowCount ?? 0 };
}
