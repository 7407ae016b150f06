import { Directive } from 'type-graphql';
import { UserFacingError } from './errors.js';
import type { Caller, Role } from './identity/caller.js';

/**
 * Role-level rules shared by every service. Row-level rules (own caseload, own partner) live in
 * each service, on top of these. Rows of another Département are never "forbidden": services
 * simply do not find them.
 */
export const nominativeRoles: readonly Role[] = ['ADMIN', 'REFERENT', 'OPERATOR', 'PRESCRIBER'];

/** May this caller read records about identified people (their own scope only)? */
export function readsNominative(caller: Caller): boolean {
  return nominativeRoles.includes(caller.role);
}

/** Refuses the operation unless the caller has one of `roles`. */
export function requireRole(caller: Caller, roles: readonly Role[], action: string): void {
  if (!roles.includes(caller.role)) {
    throw new UserFacingError(`Your role (${caller.role}) may not ${action}.`, 'FORBIDDEN');
  }
}

/**
 * Declares on a field which roles may ever call it (`@requiresScopes` in the supergraph): the
 * gateway refuses other roles before any subgraph is called. The service checks again
 * (`requireRole`), and applies the row-level rules.
 */
export function RequiresRoles(...allowed: Role[]): MethodDecorator & PropertyDecorator {
  return Directive(`@requiresScopes(scopes: [${allowed.map((r) => `["${r}"]`).join(', ')}])`) as MethodDecorator & PropertyDecorator;
}
