import { describe, expect, it } from 'vitest';
import type { Caller, Role } from '../identity/caller.js';
import { actions, assertCan, can, catalogue, scopeAllows, scopeOf, scopeSql, withinTerritories } from './index.js';

const caller = (role: Role, extra: Partial<Caller> = {}): Caller => ({
  userId: `user-${role.toLowerCase()}`,
  role,
  departmentCode: '62',
  territoryIds: [],
  partnerId: role === 'OPERATOR' ? 'partner-1' : null,
  ...extra,
});

const COLUMNS = { department: 'a.department_code', territory: 'a.territory_id', referent: 'a.referent_id', operator: 'a.operator_id', prescriber: 'a.prescriber_id' };
const row = { departmentCode: '62', territoryId: '62-arrageois', referentId: 'user-referent', operatorId: 'partner-1', prescriberId: 'user-prescriber' };

describe('the access catalogue', () => {
  it('refuses a role the action does not list, in the words of the catalogue', () => {
    expect(() => assertCan(caller('STEERING'), 'person:read')).toThrow('Your role (STEERING) may not read people’s records.');
    expect(() => assertCan(caller('PRESCRIBER'), 'funding:write')).toThrow('Your role (PRESCRIBER) may not change funding.');
  });

  it('limits a caseload to the caller’s relation to the row', () => {
    expect(scopeSql(scopeOf(caller('ADMIN'), 'accompaniment:act')!, COLUMNS)).toEqual({ sql: 'a.department_code = ?', params: ['62'] });
    expect(scopeSql(scopeOf(caller('REFERENT'), 'accompaniment:act')!, COLUMNS)).toEqual({
      sql: 'a.department_code = ? and a.referent_id = ?',
      params: ['62', 'user-referent'],
    });
    expect(scopeSql(scopeOf(caller('OPERATOR'), 'accompaniment:act')!, COLUMNS).params).toEqual(['62', 'partner-1']);
    expect(scopeSql(scopeOf(caller('PRESCRIBER'), 'person:read')!, COLUMNS).sql).toBe('a.department_code = ? and a.prescriber_id = ?');
    expect(scopeOf(caller('OPERATOR', { partnerId: null }), 'accompaniment:act')).toBeNull();
    expect(scopeOf(caller('STEERING'), 'person:read')).toBeNull();
  });

  it('lets STEERING count a caseload only where the action is an aggregate', () => {
    expect(scopeOf(caller('STEERING'), 'contractIndicators:read')).toEqual({ departmentCode: '62', territoryIds: [] });
    expect(scopeOf(caller('STEERING'), 'contract:read')).toBeNull();
  });

  it('limits territorial actions to the caller’s territories, and only those', () => {
    const limited = caller('REFERENT', { territoryIds: ['62-arrageois'] });
    expect(scopeSql(scopeOf(limited, 'person:read')!, COLUMNS)).toEqual({
      sql: 'a.department_code = ? and a.territory_id in (?) and a.referent_id = ?',
      params: ['62', ['62-arrageois'], 'user-referent'],
    });
    expect(scopeOf(limited, 'listing:read')!.territoryIds).toEqual([]);
    expect(can(limited, 'accompaniment:act', row)).toBe(true);
    expect(can(limited, 'accompaniment:act', { ...row, territoryId: '62-ternois' })).toBe(false);
    expect(can(limited, 'accompaniment:act', { ...row, territoryId: null })).toBe(false);
  });

  it('tells whether a territory is within reach for figures about territories, and narrows an operator’s indicators to its structure', () => {
    const limited = caller('STEERING', { territoryIds: ['62-arrageois'] });
    expect(withinTerritories(scopeOf(limited, 'territoryCounts:read'), '62-arrageois')).toBe(true);
    expect(withinTerritories(scopeOf(limited, 'territoryCounts:read'), '62-ternois')).toBe(false);
    expect(withinTerritories(scopeOf(caller('STEERING'), 'coverage:read'), '62-ternois')).toBe(true);
    expect(withinTerritories(scopeOf(limited, 'listing:read'), '62-ternois')).toBe(true);
    expect(scopeOf(caller('OPERATOR'), 'indicators:read')).toEqual({ departmentCode: '62', territoryIds: [], operatorId: 'partner-1' });
    expect(scopeOf(caller('OPERATOR'), 'territoryCounts:read')).toEqual({ departmentCode: '62', territoryIds: [] });
    expect(withinTerritories(scopeOf(caller('OPERATOR', { partnerId: null }), 'indicators:read'), '62-ternois')).toBe(false);
  });

  it('gives the same answer in memory as in SQL, for every action and role', () => {
    const others = [{ ...row, departmentCode: '25' }, { ...row, referentId: 'someone' }, { ...row, operatorId: 'partner-2' }, { ...row, prescriberId: 'someone' }];
    for (const action of actions) {
      for (const role of ['ADMIN', 'STEERING', 'REFERENT', 'OPERATOR', 'PRESCRIBER'] as const) {
        const scope = scopeOf(caller(role), action);
        const sql = scope ? scopeSql(scope, COLUMNS) : null;
        // Each row is kept by the SQL exactly when every parameter of its condition matches it.
        for (const r of [row, ...others]) {
          const bySql = sql !== null && sql.params.every((p, i) => {
            const column = sql.sql.split(' and ')[i]!.split(' ')[0]!;
            const value = { 'a.department_code': r.departmentCode, 'a.territory_id': r.territoryId, 'a.referent_id': r.referentId, 'a.operator_id': r.operatorId, 'a.prescriber_id': r.prescriberId }[column];
            return Array.isArray(p) ? p.includes(value) : p === value;
          });
          expect(scopeAllows(scope, r), `${action} ${role} ${JSON.stringify(r)}`).toBe(bySql);
        }
      }
    }
  });

  it('never reaches another Département', () => {
    for (const action of actions) {
      expect(scopeAllows(scopeOf(caller('ADMIN'), action), { ...row, departmentCode: '25' })).toBe(false);
    }
  });

  it('names a refusal for every action', () => {
    for (const action of actions) expect(catalogue[action].label.length).toBeGreaterThan(5);
  });
});
