import { Migration } from '@mikro-orm/migrations';

/**
 * The steering indicators read a Département's accompaniments by start or end date, and its people
 * with their psychological difficulties: these indexes carry every column those statements use, so
 * that they are answered from the index alone (index-only scans) instead of fetching each row from
 * the table. At 160 000 people × 5 years, fetching the rows was most of an indicator's time (the
 * accompaniments started in a year: 46 ms by bitmap heap scan, 4 ms index-only; ADR 0029). Same
 * names and leading columns as the indexes they replace: population/explain.test.ts checks it.
 */
export class Migration20261210090000_covering_indexes extends Migration {
  override up(): void {
    this.addSql('drop index if exists beneficiaries.accompaniment_department_started_idx');
    this.addSql(
      'create index accompaniment_department_started_idx on beneficiaries.accompaniment (department_code, started_on) include (ended_on, beneficiary_id, prescribed_on, territory_id, programme_id, operator_id)',
    );
    this.addSql('drop index if exists beneficiaries.accompaniment_department_ended_idx');
    this.addSql(
      'create index accompaniment_department_ended_idx on beneficiaries.accompaniment (department_code, ended_on) include (started_on, exit_reason, beneficiary_id, territory_id, programme_id, operator_id)',
    );
    this.addSql('drop index if exists beneficiaries.beneficiary_department_id_idx');
    this.addSql('create index beneficiary_department_id_idx on beneficiaries.beneficiary (department_code, id) include (psychological_difficulties)');
  }

  override down(): void {
    this.addSql('drop index if exists beneficiaries.accompaniment_department_started_idx');
    this.addSql('create index accompaniment_department_started_idx on beneficiaries.accompaniment (department_code, started_on)');
    this.addSql('drop index if exists beneficiaries.accompaniment_department_ended_idx');
    this.addSql('create index accompaniment_department_ended_idx on beneficiaries.accompaniment (department_code, ended_on)');
    this.addSql('drop index if exists beneficiaries.beneficiary_department_id_idx');
    this.addSql('create index beneficiary_department_id_idx on beneficiaries.beneficiary (department_code, id)');
  }
}
