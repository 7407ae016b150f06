import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** Error codes a client may see and act on; anything else is masked. */
const EXPOSED_CODES = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'FORBIDDEN', 'UNAUTHENTICATED', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'OPERATION_RESOLUTION_FAILURE']);

/** An error meant for the caller: its message is shown as is. */
export class UserFacingError extends GraphQLError {
  constructor(message: string, code: 'BAD_USER_INPUT' | 'NOT_FOUND' | 'FORBIDDEN', extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

const quote = (value: unknown): string => {
  const text = String(value);
  return `« ${text.length > 40 ? `${text.slice(0, 40)}…` : text} »`;
};

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
 * caller's own; no SQL, table or driver text is.
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
    case '22P05': // untranslatable_character
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

/**
 * Masks every unexpected error (no SQL, no stack, no internal name reaches the client); the full
 * error is logged by the server with the request's correlation id. A database refusal of the
 * caller's input that got past the fields' own checks (a reference resolver, say) is still the
 * caller's error, not an internal one.
 */
export function maskError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  const original = unwrapResolverError(error);
  const path = formatted.path ? { path: formatted.path } : {};
  if (typeof code === 'string' && EXPOSED_CODES.has(code) && (original instanceof GraphQLError || !(original instanceof Error))) {
    return { message: formatted.message, ...path, extensions: { code } };
  }
  const refused = userInputError(original);
  if (refused) return { message: refused.message, ...path, extensions: { code: refused.extensions.code } };
  return { message: 'Internal server error', ...path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
