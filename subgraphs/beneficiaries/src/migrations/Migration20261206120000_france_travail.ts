import { Migration } from '@mikro-orm/migrations';

/**
 * Imports for the law of 2025 (issue 14, item 5; ADR 0027): the day the person's current right to
 * the RSA was opened, when the Département's export gives it (`date_ouverture_droit`). It may be
 * later than `rsa_entry_date` (a right re-opened after a break): the legal delay chain starts from
 * it when it is known. The France Travail identifier needs no column: it lives in the encrypted
 * identity (`beneficiary_identity.ciphertext`), like the other identifying fields.
 */
export class Migration20261206120000_france_travail extends Migration {
  override up(): void {
    this.addSql('alter table beneficiaries.beneficiary add column rights_opened_on date');
    this.addSql(`alter table beneficiaries.beneficiary add constraint beneficiary_rights_opened_after_entry_check
      check (rights_opened_on is null or rights_opened_on >= rsa_entry_date)`);
  }

  override down(): void {
    this.addSql('alter table beneficiaries.beneficiary drop constraint if exists beneficiary_rights_opened_after_entry_check');
    this.addSql('alter table beneficiaries.beneficiary drop column if exists rights_opened_on');
  }
}
