import type { Caller } from './identity/caller.js';

/**
 * The Département a query may read: the caller's own. An explicit argument naming another
 * Département yields `null`, which services turn into "nothing found" (never "forbidden", so that
 * ids and codes of other tenants are not confirmed).
 */
export function departmentScope(caller: Caller, requested: string | null | undefined): string | null {
  if (requested === null || requested === undefined || requested === caller.departmentCode) return caller.departmentCode;
  return null;
}
