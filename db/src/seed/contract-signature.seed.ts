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

/**
 * The signatures of a synthetic Département (the population loader, which writes no contracts): as
 * if nine accompaniments in ten had their contract signed in the fortnight after the first
 * interview — a CER before the law of 2025, a contrat d'engagement since. Deterministic (ids and
 * days derive from the accompaniment's id), and never after `asOf`.
 */
export async function synthesiseContractSignatures(client: pg.ClientBase, departmentCode: string, asOf: string): Promise<{ contractSignatures: number }> {
  const result = await client.query(
    `insert into beneficiaries.contract_signature (contract_id, department_code, beneficiary_id, accompaniment_id, kind, signed_on, event_id)
     select md5('synthetic-contract:' || a.id)::uuid, a.department_code, a.beneficiary_id, a.id,
            case when a.started_on >= date '2025-01-01' then 'CONTRAT_ENGAGEMENT' else 'CER' end,
            a.started_on + s.days, md5('synthetic-contract-event:' || a.id)::uuid
       from beneficiaries.accompaniment a
       cross join lateral (select abs(hashtext(a.id::text)) % 15 as days, abs(hashtext('signed:' || a.id::text)) % 10 as draw) s
      where a.department_code = $1 and a.started_on is not null and s.draw < 9 and a.started_on + s.days <= $2::date
     on conflict (contract_id) do nothing`,
    [departmentCode, asOf],
  );
  return { contractSignatures: result.rowCount ?? 0 };
}
