import { scopeConditions, type Caller, type Condition, type RowScope } from '@passerelles/subgraph-kit';
import { ACCOMPANIMENT_COLUMNS } from '../beneficiary/beneficiary.access.js';

/**
 * The reorientation requests `r` (of person `b`) a scope reaches: the Département's (of the
 * caller's territories when limited to some), and for a référent or an operator those on people
 * they follow through one of their accompaniments. Null: none.
 */
export function requestsReached(scope: RowScope | null): Condition | null {
  if (!scope) return null;
  const c = scopeConditions(scope, { ...ACCOMPANIMENT_COLUMNS, department: 'r.department_code', territory: 'b.territory_id' });
  const followed = c.relation
    ? { sql: `exists (select 1 from beneficiaries.accompaniment a where a.department_code = r.department_code and a.beneficiary_id = r.beneficiary_id and ${c.relation.sql})`, params: c.relation.params }
    : null;
  const parts = [followed, c.territory].filter((p): p is Condition => p !== null);
  return parts.length ? { sql: parts.map((p) => p.sql).join(' and '), params: parts.flatMap((p) => p.params) } : { sql: 'true', params: [] };
}

/** The caller's own user id is who requested: only they withdraw. */
export const isRequester = (caller: Caller, request: { requestedBy: string }): boolean => request.requestedBy === caller.userId;
