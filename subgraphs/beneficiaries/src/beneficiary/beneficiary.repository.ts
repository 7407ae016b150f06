import type { EntityManager } from '@mikro-orm/postgresql';
import type { Caller } from '@passerelles/subgraph-kit';
import { visiblePeople } from './beneficiary.access.js';
import type { BeneficiaryRecord } from './beneficiary.entity.js';

const COLUMNS = `b.id, b.department_code as "departmentCode", b.commune_code as "communeCode", b.territory_id as "territoryId", b.sex,
  b.birth_year as "birthYear", b.household_type as "householdType", b.rsa_entry_date::text as "rsaEntryDate",
  b.orientation_kind as "orientationKind", b.barriers, b.psychological_difficulties as "psychologicalDifficulties"`;

export class BeneficiaryRepository {
  constructor(private readonly em: EntityManager) {}

  /** The people among `ids` the caller may read, in one query. */
  async visibleByIds(caller: Caller, ids: readonly string[]): Promise<BeneficiaryRecord[]> {
    const access = visiblePeople(caller);
    if (!access || ids.length === 0) return [];
    return this.em.execute(`select ${COLUMNS} from beneficiaries.beneficiary b where ${access.sql} and b.id in (?)`, [...access.params, [...ids]]);
  }

  /** Encrypted identities of the given people (already filtered by visibility). */
  identities(departmentCode: string, ids: readonly string[]): Promise<{ beneficiaryId: string; ciphertext: Buffer }[]> {
    return this.em.execute(
      `select beneficiary_id as "beneficiaryId", ciphertext from beneficiaries.beneficiary_identity where department_code = ? and beneficiary_id in (?)`,
      [departmentCode, [...ids]],
    );
  }

  /**
   * A référent's caseload: people with an open accompaniment they follow, ordered by id, after a
   * cursor, optionally only those raising `alert` as of `today`.
   */
  caseload(caller: Caller, options: { first: number; after: string | null; alert: string | null; today: string }): Promise<BeneficiaryRecord[]> {
    const params: unknown[] = [caller.departmentCode, caller.userId];
    let alert = '';
    if (options.alert === 'WAITING_FIRST_INTERVIEW') {
      alert = `and a.started_on is null and a.prescribed_on < ?::date - 30`;
      params.push(options.today);
    } else if (options.alert === 'REVIEW_DUE') {
      alert = `and a.started_on is not null and a.final_review_on is null and a.started_on < ?::date - interval '5 months'`;
      params.push(options.today);
    } else if (options.alert === 'MISSED_LAST_APPOINTMENT') {
      alert = `and (select ap.status from beneficiaries.appointment ap where ap.department_code = a.department_code and ap.accompaniment_id = a.id
                      and ap.scheduled_on <= ?::date order by ap.scheduled_on desc, ap.created_at desc limit 1) = 'MISSED'`;
      params.push(options.today);
    }
    let territories = '';
    if (caller.territoryIds.length > 0) {
      territories = 'and b.territory_id in (?)';
      params.push([...caller.territoryIds]);
    }
    let cursor = '';
    if (options.after) {
      cursor = 'and b.id > ?';
      params.push(options.after);
    }
    params.push(options.first + 1);
    return this.em.execute(
      `select ${COLUMNS} from beneficiaries.beneficiary b
        where b.department_code = ? and exists (select 1 from beneficiaries.accompaniment a
                where a.department_code = b.department_code and a.beneficiary_id = b.id and a.referent_id = ? and a.ended_on is null ${alert})
          ${territories} ${cursor}
        order by b.id limit ?`,
      params,
    );
  }

  /** People with an accompaniment started and not ended, per territory of the accompaniment. */
  /** People on the RSA living in each territory (everyone the Département's file holds there). */
  peopleOnRsaByTerritory(departmentCode: string, territoryIds: readonly string[]): Promise<{ key: string; count: string }[]> {
    return this.em.execute(
      `select territory_id as key, count(*) as count from beneficiaries.beneficiary
        where department_code = ? and territory_id in (?) group by territory_id`,
      [departmentCode, [...territoryIds]],
    );
  }

  /** Active caseload of every territory of the Département (territories with nobody are absent). */
  activeCaseloadByTerritory(departmentCode: string): Promise<{ key: string; count: string }[]> {
    return this.em.execute(
      `select territory_id as key, count(distinct beneficiary_id) as count
         from beneficiaries.accompaniment
        where department_code = ? and territory_id is not null and started_on is not null and ended_on is null
        group by territory_id`,
      [departmentCode],
    );
  }
}
