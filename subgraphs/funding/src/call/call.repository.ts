import type { EntityManager } from '@mikro-orm/postgresql';

export interface CallRow {
  id: string;
  name: string;
  programmeId: string;
  sessions: { id: string; opensOn: string; closesOn: string; uncoveredZonesOnly: boolean }[];
}

export class CallRepository {
  constructor(private readonly em: EntityManager) {}

  /** Calls of a Département (of one programme when given), with their sessions, in one statement. */
  inDepartment(departmentCode: string, programmeId: string | null): Promise<CallRow[]> {
    return this.em.execute(
      `select c.id, c.name, c.programme_id as "programmeId",
              coalesce((select json_agg(json_build_object('id', s.id, 'opensOn', s.opens_on, 'closesOn', s.closes_on, 'uncoveredZonesOnly', s.uncovered_zones_only)
                                  order by s.opens_on, s.id)
                          from funding.call_session s where s.department_code = c.department_code and s.call_id = c.id), '[]'::json) as sessions
         from funding.call_for_projects c
        where c.department_code = ? and (?::uuid is null or c.programme_id = ?::uuid)
        order by c.name, c.id`,
      [departmentCode, programmeId, programmeId],
    );
  }
}
