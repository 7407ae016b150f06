import { can, type Caller, parseIsoDate, UserFacingError } from '@passerelles/subgraph-kit';
import { LifecycleErrorCode } from './accompaniment.enums.js';
import type { AccompanimentRecord } from './accompaniment.record.js';

/** The outcome of a life-cycle change: the changed thing, or a typed refusal. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; code: LifecycleErrorCode; message: string; field?: string };

/** A refusal; `field` names the input field at fault when there is one. */
export const refuse = <T>(code: LifecycleErrorCode, message: string, field?: string): Outcome<T> => ({ ok: false, code, message, ...(field ? { field } : {}) });
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

/** May the caller act on this accompaniment (record appointments, exits, referrals)? The catalogue's `accompaniment:act`. */
export function mayActOn(caller: Caller, a: AccompanimentRecord): boolean {
  return can(caller, 'accompaniment:act', a);
}

export const notFound = <T>(what: string): Outcome<T> => refuse(LifecycleErrorCode.NOT_FOUND, `${what} not found.`);
