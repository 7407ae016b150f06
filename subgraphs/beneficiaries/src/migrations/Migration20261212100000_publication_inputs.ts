import { Migration } from '@mikro-orm/migrations';

/**
 * What a stored publication was computed from, as a digest (`publication.service.ts`
 * `inputsDigest`): the leaves frozen, the names, the grids tried and the audit's rules' version. The
 * nightly job reuses the publication while it is unchanged — every night no month closes — instead
 * of auditing the whole history again (170 s for a Département of 160 000 people × 5 years).
 * Publications stored before have none, and are audited again on the next run.
 */
export class Migration20261212100000_publication_inputs extends Migration {
  override up(): void {
    this.addSql('alter table beneficiaries.publication add column inputs_digest text');
  }

  override down(): void {
    this.addSql('alter table beneficiaries.publication drop column inputs_digest');
  }
}
