import type { EntityManager } from '@mikro-orm/postgresql';
import { parseIsoDate } from '@passerelles/subgraph-kit';
import { RetentionRepository } from './retention.repository.js';

/** Identifiable accompaniment data is kept this long after the last contact, unless a Département says otherwise. */
export const DEFAULT_RETENTION_MONTHS = 24;

/**
 * The scheduled anonymisation (run it daily): one transaction for the whole run, so a failure
 * leaves nothing half-anonymised. Returns the ids anonymised (for the job's own log).
 */
export async function anonymiseInactivePeople(
  em: EntityManager,
  asOf: string,
  defaultMonths = DEFAULT_RETENTION_MONTHS,
  /** Limit the run to these Départements (default: all). */
  departmentCodes: readonly string[] | null = null,
): Promise<string[]> {
  parseIsoDate(asOf, 'asOf');
  if (!Number.isInteger(defaultMonths) || defaultMonths < 1) throw new Error('defaultMonths must be a whole number of months, at least 1');
  return em.transactional((tx) => new RetentionRepository(tx).anonymiseDue(asOf, defaultMonths, departmentCodes));
}

/** A Département's own retention period, in months. */
export async function setRetentionPolicy(em: EntityManager, departmentCode: string, months: number): Promise<void> {
  if (!Number.isInteger(months) || months < 1) throw new Error('months must be a whole number of months, at least 1');
  await new RetentionRepository(em).setPolicy(departmentCode, months);
}
