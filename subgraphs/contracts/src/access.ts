import type { Caller, RowScope } from '@passerelles/subgraph-kit';

/** An operator id that no row holds: what an OPERATOR account without a partner is given. */
export const NO_PARTNER = '00000000-0000-0000-0000-000000000000';

/** What the contracts repositories filter on: the access catalogue's scope, in their terms. */
export interface RepositoryAccess {
  departmentCode: string;
  territoryIds: readonly string[];
  referentId?: string;
  operatorId?: string;
}

/** The scope of `scopeOf` for the repositories; no scope (an OPERATOR without a partner) reaches no row. */
export function repositoryAccess(caller: Caller, scope: RowScope | null): RepositoryAccess {
  if (!scope) return { departmentCode: caller.departmentCode, territoryIds: [], operatorId: NO_PARTNER };
  return {
    departmentCode: scope.departmentCode,
    territoryIds: [...scope.territoryIds],
    ...(scope.referentId !== undefined ? { referentId: scope.referentId } : {}),
    ...(scope.operatorId !== undefined ? { operatorId: scope.operatorId } : {}),
  };
}
