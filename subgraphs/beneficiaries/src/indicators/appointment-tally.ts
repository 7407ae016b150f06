import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Folds a Département's appointment tally into one row per day and status (ADR 0033), in one
 * statement: writers append a row per statement, and a reader sums whatever rows there are, so
 * this only keeps the tally short. The publication job runs it each night for every Département.
 * Returns the rows before and after.
 */
export async function compactAppointmentTally(em: EntityManager, departmentCode: string): Promise<{ before: number; after: number }> {
  const count = async (): Promise<number> =>
    (await em.execute<{ n: number }[]>('select count(*)::int as n from beneficiaries.appointment_tally where department_code = ?', [departmentCode]))[0]!.n;
  const before = await count();
  await em.execute('select beneficiaries.compact_appointment_tally(?)', [departmentCode]);
  return { before, after: await count() };
}
