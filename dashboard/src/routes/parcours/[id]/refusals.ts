// The refusals of a panel's mutations (ADR 0016), in French, on the form field each one concerns:
// one mapping per panel (its codes' words, the API's fields as its form names them).
import { GENERAL, type FieldErrors } from '#lib/validation.ts';

export type ApiRefusal = { code: string; field: string | null } | null | undefined;

/** A panel's mapping: the French message of a code (or a general one), beside the form field (or the form's general place). */
export function refusalMapper(messages: Readonly<Record<string, string>>, fields: Readonly<Record<string, string>>): (error: ApiRefusal) => FieldErrors {
  return (error) => {
    const message = (error && messages[error.code]) ?? 'L’enregistrement a été refusé.';
    const field = (error?.field && fields[error.field]) ?? GENERAL;
    return { [field]: message };
  };
}
