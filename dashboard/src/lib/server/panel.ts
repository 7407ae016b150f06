// One panel's data: each panel of a page runs its own operation, so that a subgraph down (or a
// field not deployed yet, which fails validation of the whole operation) blanks only that panel.
import { GatewayUnavailableError, gatewayQuery, type GraphQLResponseError } from './gateway.ts';

/**
 * What a panel shows: its data, or why it has none (French, for users). `notFound`: the operation
 * ran without error and its root fields are null (a record that does not exist, or that the
 * caller may not see): pages answer 404 rather than « unavailable ».
 */
export type Panel<T> = { ok: true; data: T; partial: boolean } | { ok: false; message: string; notFound?: boolean };

/** Runs one operation for one panel; never throws (the page shows the message instead). */
export async function loadPanel<T>(
  fetch: typeof globalThis.fetch,
  part: string,
  document: string,
  variables: Record<string, unknown> = {},
): Promise<Panel<T>> {
  try {
    const { data, errors } = await gatewayQuery<T>(fetch, document, variables);
    if (errors.length > 0) console.warn(`[dashboard] ${part}: ${errors.map(describe).join('; ')}`);
    if (data === null || Object.values(data as object).every((v) => v === null)) {
      return { ok: false, message: unavailable(part, errors), ...(data !== null && errors.length === 0 ? { notFound: true } : {}) };
    }
    return { ok: true, data, partial: errors.length > 0 };
  } catch (cause) {
    if (cause instanceof GatewayUnavailableError) {
      console.error(`[dashboard] ${part}: ${cause.message}`);
      // 4xx: the gateway refused the operation (e.g. a field its schema does not have yet).
      const reason = cause.status !== undefined && cause.status < 500 ? '' : ' : le service de données ne répond pas';
      return { ok: false, message: `Les données « ${part} » sont momentanément indisponibles${reason}.` };
    }
    throw cause;
  }
}

function describe(error: GraphQLResponseError): string {
  return `${error.message}${error.path ? ` @ ${error.path.join('.')}` : ''}`;
}

function unavailable(part: string, errors: readonly GraphQLResponseError[]): string {
  const codes = errors.map((e) => e.extensions?.['code']);
  if (codes.includes('FORBIDDEN')) return `Votre rôle ne donne pas accès aux données « ${part} ».`;
  return `Les données « ${part} » sont momentanément indisponibles.`;
}
