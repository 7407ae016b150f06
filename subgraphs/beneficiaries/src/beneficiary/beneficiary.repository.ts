import type { EntityManager } from '@mikro-orm/postgresql';
import type { Caller } from '@passerelles/subgraph-kit';
import { visiblePeople } from './beneficiary.access.js';
import type { BeneficiaryRecord } from './beneficiary.entity.js';

/** The columns of a `BeneficiaryRecord`, on alias `b`. */
export const BENEFICIARY_COLUMNS = `b.id, b.department_code as "departmentCode", b.commune_code as "communeCode", b.territory_id as "territoryId", b.sex,
  b.birth_year as "birthYear", b.household_type as "householdType", b.rsa_entry_date::text as "rsaEntryDate",
  b.orientation_kind as "orientationKind", b.barriers, b.psychological_difficulties as "psychologicalDifficulties"`;

export class BeneficiaryRepository {
  constructor(private readonly em: EntityManager) {}

  /** The people among `ids` the caller may read, in one query. */
  async visibleByIds(caller: Caller, ids: readonly string[]): Promise<BeneficiaryRecord[]> {
    const access = visiblePeople(caller);
    if (!access || ids.length === 0) return [];
    return this.em.execute(`select ${BENEFICIARY_COLUMNS} from beneficiaries.beneficiary b where ${access.sql} and b.id in (?)`, [...access.params, [...ids]]);
  }

  /** Encrypted identities of the given people (already filtered by visibility). */
  identities(departmentCode: string, ids: readonly string[]): Promise<{ beneficiaryId: string; ciphertext: Buffer }[]> {
    return this.em.execute(
      `select beneficiary_id as "beneficiaryId", ciphertext from beneficiaries.beneficiary_identity where department_code = ? and beneficiary_id in (?)`,
      [departmentCode, [...ids]],
    );
  }

  /** People on the RSA living in each territory (everyone the Département's file holds there). */
  /** People on the RSA per territory of the Département: those given, or every territory (null). */
  peopleOnRsaByTerritory(departmentCode: string, territoryIds: readonly string[] | null): Promise<{ key: string; count: string }[]> {
    return territoryIds
      ? this.em.execute(
          `select territory_id as key, count(*) as count from beneficiaries.beneficiary
            where department_code = ? and territory_id in (?) group by territory_id`,
          [departmentCode, [...territoryIds]],
        )
      : this.em.execute(
          `select territory_id as key, count(*) as count from beneficiaries.beneficiary
            where department_code = ? and territory_id is not null group by territory_id`,
          [departmentCode],
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
