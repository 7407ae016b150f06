// The dashboard's only way to the data: GraphQL operations POSTed to the gateway by server
// `load` functions (the browser never talks to the gateway).
import { createHash } from 'node:crypto';
import { serverEnv } from './env';

/** How long to wait for the gateway before giving up. */
const TIMEOUT_MS = 15_000;

/** One entry of a GraphQL response's `errors` (GraphQL over HTTP). */
export interface GraphQLResponseError {
  message: string;
  /** Where in `data` the error happened, e.g. `['territories', 0, 'partnerCount']`. */
  path?: ReadonlyArray<string | number>;
  locations?: ReadonlyArray<{ line: number; column: number }>;
  extensions?: Record<string, unknown>;
}

/**
 * The outcome of an operation. GraphQL errors are returned, not thrown: with a federated
 * gateway, one subgraph being down nulls some fields while the rest of `data` is still usable.
 */
export interface GatewayResult<T> {
  /** `null` when the operation failed as a whole (then `errors` says why). */
  data: T | null;
  /** Empty when the operation fully succeeded. */
  errors: GraphQLResponseError[];
}

/** The gateway could not be reached, timed out, answered non-2xx or with something that is not GraphQL. */
export class GatewayUnavailableError extends Error {
  override readonly name = 'GatewayUnavailableError';
  /** HTTP status of the gateway's answer, when there was one. */
  readonly status: number | undefined;

  constructor(message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.status = options.status;
  }
}

/**
 * POSTs a GraphQL operation to the gateway. Pass the `fetch` of the SvelteKit load event.
 * @throws {GatewayUnavailableError} when no GraphQL answer could be obtained.
 */
export async function gatewayQuery<T, V extends object = Record<string, unknown>>(
  fetch: typeof globalThis.fetch,
  document: string,
  variables?: V,
): Promise<GatewayResult<T>> {
  const url = serverEnv.gatewayUrl;

  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        // Plain JSON (not application/graphql-response+json): GraphQL errors then come back
        // with HTTP 200, so a non-2xx status really means the gateway itself is in trouble.
        accept: 'application/json',
        'x-passerelles-client': 'dashboard',
      },
      body: JSON.stringify(
        serverEnv.persistedOperations
          ? // Trusted documents: the gateway knows every operation of the dashboard by this id.
            { variables: variables ?? {}, extensions: { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(document).digest('hex') } } }
          : { query: document, variables: variables ?? {} },
      ),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (cause) {
    throw new GatewayUnavailableError(`Gateway ${url} could not be reached: ${describe(cause)}`, { cause });
  }

  if (!response.ok) {
    // Drain the body so that the connection can be reused.
    await response.body?.cancel().catch(() => undefined);
    throw new GatewayUnavailableError(`Gateway ${url} answered HTTP ${response.status}`, { status: response.status });
  }

  let body: unknown;
  try {
    body = await response.json();
  } catch (cause) {
    throw new GatewayUnavailableError(`Gateway ${url} answered with a body that is not JSON: ${describe(cause)}`, {
      status: response.status,
      cause,
    });
  }

  if (!isGraphQLResponse(body)) {
    throw new GatewayUnavailableError(`Gateway ${url} answered with JSON that is not a GraphQL response`, {
      status: response.status,
    });
  }

  return {
    data: (body.data ?? null) as T | null,
    errors: body.errors ?? [],
  };
}

function isGraphQLResponse(body: unknown): body is { data?: unknown; errors?: GraphQLResponseError[] } {
  if (typeof body !== 'object' || body === null) return false;
  const { data, errors } = body as { data?: unknown; errors?: unknown };
  const dataOk = data === undefined || data === null || (typeof data === 'object' && !Array.isArray(data));
  const errorsOk =
    errors === undefined ||
    (Array.isArray(errors) &&
      errors.every((e) => typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string'));
  return dataOk && errorsOk && (data !== undefined || errors !== undefined);
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
