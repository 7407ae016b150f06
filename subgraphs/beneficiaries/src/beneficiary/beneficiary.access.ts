import type { Caller } from '@passerelles/subgraph-kit';

/**
 * Which people a caller may read nominatively, as a SQL condition on `b` (beneficiaries.beneficiary):
 * ADMIN — everyone of their Département; REFERENT — people they follow (an accompaniment whose
 * referent is the caller); OPERATOR — people oriented to their partner; PRESCRIBER — people they
 * prescribed; STEERING — no one (aggregates only). `null` means no one. Territory-limited callers
 * only see people living in their territories.
 */
export function visiblePeople(caller: Caller): { sql: string; params: unknown[] } | null {
  const parts: string[] = ['b.department_code = ?'];
  const params: unknown[] = [caller.departmentCode];
  const through = (column: string, value: string | null): boolean => {
    if (!value) return false;
    parts.push(`exists (select 1 from beneficiaries.accompaniment a where a.department_code = b.department_code and a.beneficiary_id = b.id and a.${column} = ?)`);
    params.push(value);
    return true;
  };
  switch (caller.role) {
    case 'ADMIN':
      break;
    case 'REFERENT':
      if (!through('referent_id', caller.userId)) return null;
      break;
    case 'OPERATOR':
      if (!through('operator_id', caller.partnerId)) return null;
      break;
    case 'PRESCRIBER':
      if (!through('prescriber_id', caller.userId)) return null;
      break;
    default:
      return null;
  }
  if (caller.territoryIds.length > 0) {
    parts.push('b.territory_id in (?)');
    params.push([...caller.territoryIds]);
  }
  return { sql: parts.join(' and '), params };
}

/** The same rule for accompaniments `a`: what the caller may read or act on. */
export function visibleAccompaniments(caller: Caller): { sql: string; params: unknown[] } | null {
  const parts: string[] = ['a.department_code = ?'];
  const params: unknown[] = [caller.departmentCode];
  switch (caller.role) {
    case 'ADMIN':
      break;
    case 'REFERENT':
      parts.push('a.referent_id = ?');
      params.push(caller.userId);
      break;
    case 'OPERATOR':
      if (!caller.partnerId) return null;
      parts.push('a.operator_id = ?');
      params.push(caller.partnerId);
      break;
    case 'PRESCRIBER':
      parts.push('a.prescriber_id = ?');
      params.push(caller.userId);
      break;
    default:
      return null;
  }
  if (caller.territoryIds.length > 0) {
    parts.push('a.territory_id in (?)');
    params.push([...caller.territoryIds]);
  }
  return { sql: parts.join(' and '), params };
}
