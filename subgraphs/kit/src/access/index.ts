export { actions, actionsOf, catalogue, type Action, type ActionRule, type RowKind } from './catalogue.js';
export { assertCan, assertRole, can, roleMay, scopeAllows, scopeConditions, scopeOf, scopeSql, withinTerritories, type Condition, type RowScope, type ScopeColumns, type ScopedRow } from './scope.js';
export { Can } from './decorators.js';
