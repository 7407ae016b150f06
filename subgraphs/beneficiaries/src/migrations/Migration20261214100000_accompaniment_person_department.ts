import { Migration } from '@mikro-orm/migrations';

/**
 * An accompaniment and its person share a Département: a foreign key on (department_code,
 * beneficiary_id), which the service always wrote that way, now holds it. With it, a person of an
 * open accompaniment a caller may read is a person they may read, unless the caller is limited to
 * territories (beneficiary.access.ts `peopleFollowAccompaniments`): an administrator's caseload
 * alert counts no longer check each of a Département's 20 000 people again.
 * `beneficiary_department_id_idx` becomes unique (the key the foreign key refers to: `id` is).
 */
export class Migration20261214100000_accompaniment_person_department extends Migration {
  override up(): void {
    this.addSql('drop index if exists beneficiaries.beneficiary_department_id_idx');
    this.addSql('create unique index beneficiary_department_id_idx on beneficiaries.beneficiary (department_code, id)');
    this.addSql(`alter table beneficiaries.accompaniment add constraint accompaniment_person_department_fkey
      foreign key (department_code, beneficiary_id) references beneficiaries.beneficiary (department_code, id)`);
  }

  override down(): void {
    this.addSql('alter table beneficiaries.accompaniment drop constraint if exists accompaniment_person_department_fkey');
    this.addSql('drop index if exists beneficiaries.beneficiary_department_id_idx');
    this.addSql('create index beneficiary_department_id_idx on beneficiaries.beneficiary (department_code, id)');
  }
}
