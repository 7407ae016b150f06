import type { GraphQLResolveInfo } from 'graphql';
import { Extensions, type MiddlewareFn } from 'type-graphql';
import { UserFacingError } from './errors.js';

/**
 * The longest text an argument may carry. Fields that take whole files (imports) raise it for
 * themselves with `@Extensions({ maxTextLength: … })`; the gateway bounds bodies anyway.
 */
export const MAX_TEXT_LENGTH = 10_000;

/** The `Extensions` key by which a field allows longer texts (a file's content). */
export const MAX_TEXT_LENGTH_EXTENSION = 'maxTextLength';

/** Marks a field whose arguments carry whole files (imports): texts up to the gateway's largest body. */
export function TakesFiles(): MethodDecorator {
  return Extensions({ [MAX_TEXT_LENGTH_EXTENSION]: 8 * 1024 * 1024 });
}

const quote = (value: unknown): string => {
  const text = String(value);
  return `« ${text.length > 40 ? `${text.slice(0, 40)}…` : text} »`;
};

/** The first text longer than `limit` in the arguments, with its path (`input.name`), or null. */
function oversizedText(value: unknown, path: string, limit: number): string | null {
  if (typeof value === 'string') return value.length > limit ? path : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = oversizedText(item, `${path}[${i}]`, limit);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = oversizedText(item, path ? `${path}.${key}` : key, limit);
      if (found) return found;
    }
  }
  return null;
}

/** The SQLSTATE of a database error, however MikroORM or pg wrapped it. */
function sqlState(error: unknown): string | null {
  for (let e = error as { code?: unknown; sqlState?: unknown; cause?: unknown } | null | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    for (const candidate of [e.sqlState, e.code]) if (typeof candidate === 'string' && /^[0-9A-Z]{5}$/.test(candidate)) return candidate;
  }
  return null;
}

/**
 * A database refusal caused by the caller's input, as the error the caller can act on; null for
 * anything else (which stays an internal error, masked and logged). Values quoted back are the
 * caller's own.
 */
export function userInputError(error: unknown): UserFacingError | null {
  const state = sqlState(error);
  if (!state) return null;
  const detail = error as { message?: string; column?: string; constraint?: string };
  const value = /: "(.*)"$/.exec(detail.message ?? '')?.[1];
  switch (state) {
    case '22P02': // invalid_text_representation: "undefined" for a uuid, "abc" for an integer
      return new UserFacingError(`Invalid value${value !== undefined ? ` ${quote(value)}` : ''}: not an identifier or number of the expected form.`, 'BAD_USER_INPUT');
    case '22001': // string_data_right_truncation
      return new UserFacingError('A text is longer than the field allows.', 'BAD_USER_INPUT');
    case '22003': // numeric_value_out_of_range
      return new UserFacingError('A number is out of range.', 'BAD_USER_INPUT');
    case '22007': // invalid_datetime_format
    case '22008': // datetime_field_overflow
      return new UserFacingError(`Invalid date${value !== undefined ? ` ${quote(value)}` : ''}: expected YYYY-MM-DD.`, 'BAD_USER_INPUT');
    case '22023': // invalid_parameter_value
    case '22021': // character_not_in_repertoire (a NUL byte)
      return new UserFacingError('A value is not valid here.', 'BAD_USER_INPUT');
    case '23502': // not_null_violation
      return new UserFacingError(`A required value is missing${detail.column ? ` (${detail.column})` : ''}.`, 'BAD_USER_INPUT');
    case '23503': // foreign_key_violation: an id that names nothing
      return new UserFacingError('A record this refers to does not exist.', 'NOT_FOUND');
    case '23505': // unique_violation
      return new UserFacingError('This record already exists.', 'BAD_USER_INPUT');
    case '23514': // check_violation
      return new UserFacingError(`A value is outside what is allowed${detail.constraint ? ` (${detail.constraint})` : ''}.`, 'BAD_USER_INPUT');
    default:
      return null;
  }
}

const textLimitOf = (info: GraphQLResolveInfo): number => {
  const limit = info.parentType.getFields()[info.fieldName]?.extensions?.[MAX_TEXT_LENGTH_EXTENSION];
  return typeof limit === 'number' ? limit : MAX_TEXT_LENGTH;
};

/**
 * Every field of every subgraph: refuses oversized texts before any service runs, and turns a
 * database refusal of the caller's input (a malformed id, a number out of range, a missing
 * reference…) into BAD_USER_INPUT / NOT_FOUND instead of an internal error with a driver stack.
 */
export const userInput: MiddlewareFn = async ({ args, info }, next) => {
  if (args && Object.keys(args).length > 0) {
    const limit = textLimitOf(info);
    const path = oversizedText(args, '', limit);
    if (path) throw new UserFacingError(`${path} is too long: at most ${limit.toLocaleString('en')} characters.`, 'BAD_USER_INPUT', { argument: path });
  }
  try {
    return (await next()) as unknown;
  } catch (error) {
    throw userInputError(error) ?? error;
  }
};
