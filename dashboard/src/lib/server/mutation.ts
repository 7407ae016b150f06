// The way the dashboard's form actions send a mutation whose result is typed (`{ ok, error }`):
// saved, refused by the API (its error turned into French, on the field it concerns), or not
// answered (a French message for the whole form). Each action then says it in its own shape.
import { GENERAL, type FieldErrors } from '../validation.ts';
import { gatewayQuery, GatewayUnavailableError } from './gateway.ts';

/** When the subgraph ran but gave no result (it is down, or refused the operation): the usual message. */
export const NOT_SAVED = 'L’enregistrement n’a pas pu être fait : le service ne répond pas. Réessayez dans quelques instants.';
/** When a decision on a referral or a request was sent but the paths' subgraph gave no result. */
export const DECISION_NOT_SAVED = 'La décision n’a pas pu être enregistrée : le service des parcours ne répond pas. Réessayez dans quelques instants.';
/** When the gateway itself does not answer. */
export const DATA_SERVICE_DOWN = 'Le service de données ne répond pas : réessayez dans quelques instants.';

type TypedResult = { ok: boolean; error: unknown };

export type Sent<R> = { saved: R } | { status: 400 | 503; errors: FieldErrors };

/** Sends the mutation; never throws for a service down (only for what is a bug). */
export async function sendMutation<T, R extends TypedResult>(
  fetch: typeof globalThis.fetch,
  document: string,
  variables: Record<string, unknown>,
  options: {
    /** Names the action in the server's log. */
    part: string;
    /** The mutation's result in its data. */
    resultOf: (data: T) => R | null | undefined;
    /** The API's refusal in French, by field (`GENERAL` for the whole form). */
    refusal: (error: R['error']) => FieldErrors;
    /** What the form says when the subgraph gave no result. */
    noAnswer?: string;
  },
): Promise<Sent<R>> {
  try {
    const { data, errors } = await gatewayQuery<T>(fetch, document, variables);
    const result = data ? options.resultOf(data) : null;
    if (!result) {
      console.warn(`[dashboard] ${options.part}: ${errors.map((e) => e.message).join('; ')}`);
      return { status: 503, errors: { [GENERAL]: options.noAnswer ?? NOT_SAVED } };
    }
    if (!result.ok) return { status: 400, errors: options.refusal(result.error) };
    return { saved: result };
  } catch (cause) {
    if (cause instanceof GatewayUnavailableError) return { status: 503, errors: { [GENERAL]: DATA_SERVICE_DOWN } };
    throw cause;
  }
}
