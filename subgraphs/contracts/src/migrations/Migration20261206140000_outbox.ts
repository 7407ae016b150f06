import { Migration } from '@mikro-orm/migrations';
import { outboxTableSql } from '@passerelles/subgraph-kit';

/**
 * Contracts' outbox (ADR 0021): a signature is told to beneficiaries (`contract-signed`), which
 * computes the legal delay chain and the CONTRACT_DUE alert where the orientations are. Contracts
 * signed before this migration become events too, so that their effect reaches beneficiaries once.
 */
export class Migration20261206140000_outbox extends Migration {
  override up(): void {
    this.addSql(outboxTableSql('contracts'));
    this.addSql(`insert into contracts.outbox (id, department_code, topic, event_key, payload)
      select gen_random_uuid(), c.department_code, 'contract-signed', c.beneficiary_id::text,
             jsonb_build_object('contractId', c.id, 'beneficiaryId', c.beneficiary_id, 'accompanimentId', c.accompaniment_id, 'kind', c.kind, 'signedOn', to_char(c.signed_on, 'YYYY-MM-DD'))
        from contracts.engagement_contract c
       where c.signed_on is not null`);
  }
}
