import { Migration } from '@mikro-orm/migrations';

/**
 * Search a caseload by name without decrypting it: a blind index of the words of each person's
 * names (keyed HMACs, see identity.cipher.ts `nameIndex`), searched with a GIN index. Rows written
 * before this migration get theirs from the service at start-up (`backfillNameIndex`), which holds
 * the key; SQL cannot compute it.
 */
export class Migration20261205110000_name_index extends Migration {
  override up(): void {
    this.addSql('alter table beneficiaries.beneficiary_identity add column name_index text[]');
    this.addSql('create index beneficiary_identity_name_index_idx on beneficiaries.beneficiary_identity using gin (name_index)');
  }

  override down(): void {
    this.addSql('drop index if exists beneficiaries.beneficiary_identity_name_index_idx');
    this.addSql('alter table beneficiaries.beneficiary_identity drop column name_index');
  }
}
