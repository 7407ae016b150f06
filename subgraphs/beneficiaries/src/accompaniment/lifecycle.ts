import { type Caller, parseIsoDate, UserFacingError } from '@passerelles/subgraph-kit';
import { LifecycleErrorCode } from './accompaniment.enums.js';
import type { AccompanimentRecord } from './accompaniment.record.js';

/** The outcome of a life-cycle change: the changed thing, or a typed refusal. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; code: LifecycleErrorCode; message: string };

export const refuse = <T>(code: LifecycleErrorCode, message: string): Outcome<T> => ({ ok: false, code, message });
export const done = <T>(value: T): Outcome<T> => ({ ok: true, value });

/** A date argument: a real calendar day, or a typed INVALID_DATE refusal. */
export function validDate(value: string, argument: string): string | null {
  try {
    return parseIsoDate(value, argument);
  } catch (error) {
    if (error instanceof UserFacingError) return null;
    throw error;
  }
}

/** May the caller act on this accompaniment (record appointments, exits, referrals)? */
export function mayActOn(caller: Caller, a: AccompanimentRecord): boolean {
  if (a.departmentCode !== caller.departmentCode) return false;
  if (caller.territoryIds.length > 0 && (!a.territoryId || !caller.territoryIds.includes(a.territoryId))) return false;
  switch (caller.role) {
    case 'ADMIN':
      return true;
    case 'REFERENT':
      return a.referentId === caller.userId;
    case 'OPERATOR':
      return a.operatorId === caller.partnerId;
    default:
      return false;
  }
}

export const notFound = <T>(what: string): Outcome<T> => refuse(LifecycleErrorCode.NOT_FOUND, `${what} not found.`);
