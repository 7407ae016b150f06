import 'reflect-metadata';
import { Directive, Field, ObjectType } from 'type-graphql';
import { UserFacingError } from './errors.js';

/**
 * Why a mutation was refused, in the one shape every mutation result of the API uses:
 * `{ ok, error { code message field } }`. A refusal is the caller's to act on (a rule of the
 * domain, a value that does not fit); it is not a GraphQL error, which is kept for what the
 * caller cannot fix by changing the input (FORBIDDEN, NOT_FOUND of the record itself, internal).
 */
@ObjectType('MutationError', { description: 'Why a change was refused: a stable code, a message, and the input field at fault when there is one.' })
@Directive('@shareable')
export class MutationError {
  @Field(() => String, { description: 'Stable, machine-readable reason (e.g. OVERLAPPING_CER, COFUNDING_DOES_NOT_ADD_UP, INVALID_INPUT); clients translate by code.' })
  code!: string;

  @Field(() => String, { description: 'Explanation in English for logs and API users.' })
  message!: string;

  @Field(() => String, { nullable: true, description: 'The input field at fault (a path such as `input.email` or `territoryIds`), when the refusal is about one field.' })
  field!: string | null;
}

/**
 * A refusal the caller can act on, thrown inside a change (so that its transaction rolls back)
 * and returned as `{ ok: false, error }` by `refusalOf`, never as a GraphQL error.
 */
export class Refusal extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

/** The `MutationError` of a refusal: what the caller can fix. */
export const mutationError = (refusal: { code: string; message: string; field?: string | null }): MutationError => ({
  code: refusal.code,
  message: refusal.message,
  field: refusal.field ?? null,
});

/**
 * What a failed change says to the caller: a `Refusal`, or the caller's malformed input
 * (BAD_USER_INPUT, with the argument at fault as `field`); null for anything else, which the
 * caller rethrows (FORBIDDEN stays a GraphQL error, an internal error stays masked).
 */
export function refusalOf(error: unknown): MutationError | null {
  if (error instanceof Refusal) return mutationError(error);
  if (error instanceof UserFacingError && error.extensions.code === 'BAD_USER_INPUT') {
    const argument = error.extensions.argument;
    return mutationError({ code: 'BAD_USER_INPUT', message: error.message, field: typeof argument === 'string' ? argument : null });
  }
  return null;
}
