import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes for the statements of one Département once the tables hold many (issue 15, checked by
 * population/explain.test.ts): the caseload's page (`where department_code = ? … order by id limit n`)
 * otherwise walks the primary key of every Département's people in id order, filtering.
 */
export class Migration20261206130000_scale_indexes extends Migration {
  override up(): void {
    this.addSql('create index beneficiary_department_id_idx on beneficiaries.beneficiary (department_code, id)');
  }

  override down(): void {
    this.addSql('drop index if exists beneficiaries.beneficiary_department_id_idx');
  }
}
