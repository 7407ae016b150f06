import { UserFacingError } from '../errors.js';
import type { Caller } from '../identity/caller.js';
import { catalogue, type Action } from './catalogue.js';

/**
 * The rows one caller reaches for one action: always one Département; for a territory-limited
 * caller, those territories; for a caseload or a partner, the relation that ties the row to the
 * caller. `null` where the caller reaches no row at all (an OPERATOR account without a partner).
 */
export interface RowScope {
  departmentCode: string;
  /** Empty: every territory of the Département. */
  territoryIds: readonly string[];
  referentId?: string;
  operatorId?: string;
  prescriberId?: string;
}

/** What a row says about itself, for the in-memory check. */
export interface ScopedRow {
  departmentCode: string;
  territoryId?: string | null;
  referentId?: string | null;
  operatorId?: string | null;
  prescriberId?: string | null;
}

/**
 * The columns (or SQL expressions) holding each part of a row, in the statement that filters:
 * `{ department: 'a.department_code', territory: 'a.territory_id', referent: 'a.referent_id', … }`.
 * A scope that needs a column the statement did not name is a programming error, thrown at once.
 */
export type ScopeColumns = { department: string } & Partial<Record<'territory' | 'referent' | 'operator' | 'prescriber', string>>;

/** Refuses (FORBIDDEN) unless the caller's role may take the action. */
export function assertRole(caller: Caller, action: Action): void {
  const rule = catalogue[action];
  if (!rule.roles.includes(caller.role)) throw new UserFacingError(`Your role (${caller.role}) may not ${rule.label}.`, 'FORBIDDEN');
}

/** May the caller's role take the action at all (no row looked at)? */
export function roleMay(caller: Caller, action: Action): boolean {
  return catalogue[action].roles.includes(caller.role);
}

/** The rows the caller reaches for the action, from the catalogue's one table of rules. Does not check the role. */
export function scopeOf(caller: Caller, action: Action): RowScope | null {
  const rule = catalogue[action];
  const scope: RowScope = { departmentCode: caller.departmentCode, territoryIds: rule.territorial ? caller.territoryIds : [] };
  if (rule.rows === 'department' || caller.role === 'ADMIN') return scope;
  if (caller.role === 'OPERATOR') return caller.partnerId ? { ...scope, operatorId: caller.partnerId } : null;
  if (rule.rows === 'partner') return scope;
  if (rule.rows === 'ownPart') return caller.role === 'PRESCRIBER' ? { ...scope, prescriberId: caller.userId } : scope;
  switch (caller.role) {
    case 'REFERENT':
      return { ...scope, referentId: caller.userId };
    case 'PRESCRIBER':
      return { ...scope, prescriberId: caller.userId };
    default:
      // STEERING follows no one: it reaches a caseload only to count it, never to name anyone.
      return 'aggregate' in rule && rule.aggregate ? scope : null;
  }
}

/** `assertRole`, then `scopeOf`: what a service calls before it reads or writes. */
export function assertCan(caller: Caller, action: Action): RowScope | null {
  assertRole(caller, action);
  return scopeOf(caller, action);
}

/** The conditions of a scope, one per part, for statements that place them apart (e.g. inside `exists`). */
export function scopeConditions(scope: RowScope, columns: ScopeColumns): { department: Condition; territory: Condition | null; relation: Condition | null } {
  const column = (name: keyof ScopeColumns): string => {
    const c = columns[name];
    if (!c) throw new Error(`This scope filters on ${name}, and the statement names no ${name} column.`);
    return c;
  };
  const relation =
    scope.referentId !== undefined
      ? { sql: `${column('referent')} = ?`, params: [scope.referentId] }
      : scope.operatorId !== undefined
        ? { sql: `${column('operator')} = ?`, params: [scope.operatorId] }
        : scope.prescriberId !== undefined
          ? { sql: `${column('prescriber')} = ?`, params: [scope.prescriberId] }
          : null;
  return {
    department: { sql: `${column('department')} = ?`, params: [scope.departmentCode] },
    territory: scope.territoryIds.length > 0 ? { sql: `${column('territory')} in (?)`, params: [[...scope.territoryIds]] } : null,
    relation,
  };
}

export interface Condition {
  sql: string;
  params: unknown[];
}

/** The whole scope as one SQL condition (MikroORM `?` placeholders; an array param expands in `in (?)`). */
export function scopeSql(scope: RowScope, columns: ScopeColumns): Condition {
  const parts = Object.values(scopeConditions(scope, columns)).filter((c): c is Condition => c !== null);
  return { sql: parts.map((p) => p.sql).join(' and '), params: parts.flatMap((p) => p.params) };
}

/** The same scope, checked on a row already loaded. */
export function scopeAllows(scope: RowScope | null, row: ScopedRow): boolean {
  if (!scope || row.departmentCode !== scope.departmentCode) return false;
  if (scope.territoryIds.length > 0 && (!row.territoryId || !scope.territoryIds.includes(row.territoryId))) return false;
  if (scope.referentId !== undefined && row.referentId !== scope.referentId) return false;
  if (scope.operatorId !== undefined && row.operatorId !== scope.operatorId) return false;
  if (scope.prescriberId !== undefined && row.prescriberId !== scope.prescriberId) return false;
  return true;
}

/**
 * Whether a territory is within the scope's territories (every one when the scope names none); no
 * scope reaches none. For a figure about a territory rather than a row (a territory's counts, its
 * coverage, a selection of conventions), where the other parts of the scope do not apply.
 */
export function withinTerritories(scope: RowScope | null, territoryId: string): boolean {
  return scope !== null && (scope.territoryIds.length === 0 || scope.territoryIds.includes(territoryId));
}

/** `scopeOf` and `scopeAllows` in one: may the caller take the action on this row? */
export function can(caller: Caller, action: Action, row: ScopedRow): boolean {
  return roleMay(caller, action) && scopeAllows(scopeOf(caller, action), row);
}
