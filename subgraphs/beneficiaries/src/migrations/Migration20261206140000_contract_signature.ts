import { Migration } from '@mikro-orm/migrations';

/**
 * The contracts signed, as contracts tells beneficiaries (`contract-signed`, ADR 0021): what the
 * legal delay chain's CONTRACT_SIGNED step and the CONTRACT_DUE alert need, and nothing more (no
 * objectives, no hours: those stay in contracts). One row per contract; a second delivery of the
 * same event changes nothing.
 */
export class Migration20261206140000_contract_signature extends Migration {
  override up(): void {
    this.addSql(`create table beneficiaries.contract_signature (
      contract_id uuid primary key,
      department_code text not null,
      beneficiary_id uuid not null,
      accompaniment_id uuid,
      kind text not null,
      signed_on date not null,
      event_id uuid not null,
      received_at timestamptz not null default now()
    )`);
    this.addSql('create index contract_signature_person on beneficiaries.contract_signature (department_code, beneficiary_id, signed_on)');
  }
}
