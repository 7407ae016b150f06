import { scopeConditions, scopeOf, scopeSql, type Caller, type Condition } from '@passerelles/subgraph-kit';

/** The columns of an accompaniment `a` that the access catalogue's rules filter on. */
export const ACCOMPANIMENT_COLUMNS = {
  department: 'a.department_code',
  territory: 'a.territory_id',
  referent: 'a.referent_id',
  operator: 'a.operator_id',
  prescriber: 'a.prescriber_id',
} as const;

/**
 * Which people a caller may read nominatively (the catalogue's `person:read`), as a SQL condition
 * on `b` (beneficiaries.beneficiary): the caller's relation to the person goes through one of
 * their accompaniments; territory-limited callers see people living in their territories. `null`
 * means no one.
 */
export function visiblePeople(caller: Caller): Condition | null {
  const scope = scopeOf(caller, 'person:read');
  if (!scope) return null;
  const c = scopeConditions(scope, { ...ACCOMPANIMENT_COLUMNS, department: 'b.department_code', territory: 'b.territory_id' });
  const accompanied = c.relation
    ? { sql: `exists (select 1 from beneficiaries.accompaniment a where a.department_code = b.department_code and a.beneficiary_id = b.id and ${c.relation.sql})`, params: c.relation.params }
    : null;
  // An operator is oriented a person by an accompaniment it runs, or by a referral to its structure
  // (the catalogue's `referral:receive`): it reads who it receives.
  const referred =
    accompanied && scope.operatorId
      ? { sql: `exists (select 1 from beneficiaries.referral r where r.department_code = b.department_code and r.beneficiary_id = b.id and r.partner_id = ?)`, params: [scope.operatorId] }
      : null;
  const through = accompanied && referred ? { sql: `(${accompanied.sql} or ${referred.sql})`, params: [...accompanied.params, ...referred.params] } : accompanied;
  const parts = [c.department, through, c.territory].filter((p): p is Condition => p !== null);
  return { sql: parts.map((p) => p.sql).join(' and '), params: parts.flatMap((p) => p.params) };
}

/**
 * Whether the person of every accompaniment the caller may read is a person they may read, so that
 * a statement over `visibleAccompaniments` need not check `visiblePeople` again: an accompaniment
 * and its person share a Département (foreign key, Migration20261214100000), and a référent's,
 * operator's or prescriber's accompaniment is itself the relation `visiblePeople` asks for. Not
 * for a caller limited to territories: a person's territory (where they live) and their
 * accompaniment's may differ. A condition added to `visiblePeople` that an accompaniment does not
 * imply must be added here too (caseload/alerts-at-scale.test.ts compares the counts it serves).
 */
export function peopleFollowAccompaniments(caller: Caller): boolean {
  const scope = scopeOf(caller, 'person:read');
  return scope !== null && scope.territoryIds.length === 0;
}

/** The same rule for accompaniments `a`: what the caller may read. */
export function visibleAccompaniments(caller: Caller): Condition | null {
  const scope = scopeOf(caller, 'person:read');
  return scope ? scopeSql(scope, ACCOMPANIMENT_COLUMNS) : null;
}
