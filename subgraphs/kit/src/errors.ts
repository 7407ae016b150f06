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

/**
 * Masks every unexpected error (no SQL, no stack, no internal name reaches the client); the full
 * error is logged by the server with the request's correlation id.
 */
export function maskError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  const original = unwrapResolverError(error);
  if (typeof code === 'string' && EXPOSED_CODES.has(code) && (original instanceof GraphQLError || !(original instanceof Error))) {
    return { message: formatted.message, ...(formatted.path ? { path: formatted.path } : {}), extensions: { code } };
  }
  return {
    message: 'Internal server error',
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
