import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The retention job's one statement set: people whose last contact (prescription, validation,
 * start, review, exit, appointment or referral) is older than their Département's period, and who
 * have no open accompaniment. People never accompanied have no accompaniment data to anonymise.
 */
export class RetentionRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Anonymises, in the caller's transaction, everyone due on `asOf`: the encrypted identity is
   * deleted, the Département's own references and free-text notes are cleared. What indicators
   * count (dates, reasons, sex, birth year, territory…) stays, so aggregates do not change.
   */
  async anonymiseDue(asOf: string, defaultMonths: number, departmentCodes: readonly string[] | null): Promise<string[]> {
    const due: { id: string }[] = await this.em.execute(
      `with last_contact as (
         select b.id, b.department_code,
                greatest(
                  max(greatest(a.prescribed_on, a.validated_on, a.started_on, a.final_review_on, a.ended_on)),
                  (select max(ap.scheduled_on) from beneficiaries.appointment ap where ap.department_code = b.department_code and ap.beneficiary_id = b.id),
                  (select max(greatest(r.sent_on, r.answered_on, r.closed_on)) from beneficiaries.referral r where r.department_code = b.department_code and r.beneficiary_id = b.id)
                ) as on_day
           from beneficiaries.beneficiary b
           left join beneficiaries.accompaniment a on a.department_code = b.department_code and a.beneficiary_id = b.id
          where b.anonymised_on is null ${departmentCodes ? 'and b.department_code in (?)' : ''}
          group by b.id, b.department_code
       )
       select lc.id from last_contact lc
         left join beneficiaries.retention_policy p on p.department_code = lc.department_code
        where lc.on_day < (?::date - make_interval(months => coalesce(p.months, ?)))
          and not exists (select 1 from beneficiaries.accompaniment o where o.department_code = lc.department_code and o.beneficiary_id = lc.id and o.ended_on is null)`,
      [...(departmentCodes ? [[...departmentCodes]] : []), asOf, defaultMonths],
    );
    const ids = due.map((d) => d.id);
    if (ids.length === 0) return [];
    await this.em.execute('delete from beneficiaries.beneficiary_identity where beneficiary_id in (?)', [ids]);
    await this.em.execute('update beneficiaries.beneficiary set external_ref = null, anonymised_on = ? where id in (?)', [asOf, ids]);
    await this.em.execute('update beneficiaries.accompaniment set external_ref = null where beneficiary_id in (?)', [ids]);
    await this.em.execute('update beneficiaries.referral set note = null, created_by = null where beneficiary_id in (?)', [ids]);
    return ids;
  }

  async setPolicy(departmentCode: string, months: number): Promise<void> {
    await this.em.execute(
      `insert into beneficiaries.retention_policy (department_code, months) values (?, ?)
       on conflict (department_code) do update set months = excluded.months, updated_at = now()`,
      [departmentCode, months],
    );
  }
}
