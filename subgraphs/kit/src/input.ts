import { getNullableType, isInputObjectType, isListType, isScalarType, type GraphQLInputType, type GraphQLSchema } from 'graphql';
import { Extensions, type MiddlewareFn } from 'type-graphql';
import { z } from 'zod';
import { UserFacingError, userInputError } from './errors.js';

/**
 * The longest text an argument may carry. Fields that take whole files (imports) raise it for
 * themselves with `@TakesFiles()`; the gateway bounds bodies anyway.
 */
export const MAX_TEXT_LENGTH = 10_000;

/** The `Extensions` key by which a field allows longer texts (a file's content). */
export const MAX_TEXT_LENGTH_EXTENSION = 'maxTextLength';

/** Marks a field whose arguments carry whole files (imports): texts up to the gateway's largest body. */
export function TakesFiles(): MethodDecorator {
  return Extensions({ [MAX_TEXT_LENGTH_EXTENSION]: 8 * 1024 * 1024 });
}

/**
 * The id formats the schema's naming conventions promise, checked before any service runs (so that
 * no malformed id reaches SQL, where it would fail the statement or, in a text column, be stored):
 * every argument or input field of type `ID`, named `id` or ending in `Id`/`Ids` is a UUID, except
 * territories (`62-arrageois`). Dates are left to the services (`parseIsoDate`), which answer an
 * impossible one with their typed errors (INVALID_DATE…) that the dashboard shows by the field.
 */
export type InputFormat = 'uuid' | 'territory';

/** The form of a territory's id: its Département's code and a slug (`62-arrageois`, `2A-ajaccio`). */
export const TERRITORY_ID = /^(?:\d{2,3}|2[AB])-[a-z0-9]+(?:-[a-z0-9]+)*$/;

const formats: Record<InputFormat, { schema: z.ZodType<string>; says: string }> = {
  // Any 8-4-4-4-12 hex form (what PostgreSQL's uuid takes), not only RFC 9562 versions.
  uuid: { schema: z.guid(), says: 'is not an identifier' },
  territory: { schema: z.string().max(100).regex(TERRITORY_ID), says: 'is not a territory identifier (such as 62-arrageois)' },
};

/** The format a text of this GraphQL scalar type and name must have, or null for free text. */
export function inputFormatOf(name: string, scalar: string): InputFormat | null {
  if (/^territor(?:y|ies)Ids?$/.test(name)) return 'territory';
  if (scalar === 'ID' || /^id$|[a-z]Ids?$/.test(name)) return 'uuid';
  return null;
}

const quote = (value: string): string => `« ${value.length > 40 ? `${value.slice(0, 40)}…` : value} »`;

/** The first text longer than `limit` in a value of a custom scalar (`_Any`…), with its path, or null. */
function oversizedText(value: unknown, path: string, limit: number): string | null {
  if (typeof value === 'string') return value.length > limit ? path : null;
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = oversizedText(item, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`, limit);
      if (found) return found;
    }
  }
  return null;
}

const tooLong = (path: string, limit: number): UserFacingError =>
  new UserFacingError(`${path} is too long: at most ${limit.toLocaleString('en')} characters.`, 'BAD_USER_INPUT', { argument: path });

/**
 * What is wrong with one argument's value (`name` is the argument's or input field's name, which
 * a list's items share), walking input objects and lists along their GraphQL types; null if
 * nothing is.
 */
export function inputProblem(value: unknown, type: GraphQLInputType, name: string, path: string, limit = MAX_TEXT_LENGTH): UserFacingError | null {
  if (value === null || value === undefined) return null;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (!Array.isArray(value)) return inputProblem(value, nullable.ofType as GraphQLInputType, name, path, limit);
    for (const [i, item] of value.entries()) {
      const problem = inputProblem(item, nullable.ofType as GraphQLInputType, name, `${path}[${i}]`, limit);
      if (problem) return problem;
    }
    return null;
  }
  if (isInputObjectType(nullable)) {
    const fields = nullable.getFields();
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[key];
      const problem = field ? inputProblem(item, field.type, key, `${path}.${key}`, limit) : null;
      if (problem) return problem;
    }
    return null;
  }
  if (typeof value !== 'string') {
    const found = isScalarType(nullable) && typeof value === 'object' ? oversizedText(value, path, limit) : null;
    return found ? tooLong(found, limit) : null;
  }
  if (value.length > limit) return tooLong(path, limit);
  // PostgreSQL's texts cannot hold U+0000: the driver would fail the whole statement.
  if (value.includes('\u0000')) return new UserFacingError(`${path} contains a NUL character.`, 'BAD_USER_INPUT', { argument: path });
  const format = isScalarType(nullable) ? inputFormatOf(name, nullable.name) : null;
  if (format && !formats[format].schema.safeParse(value).success) {
    return new UserFacingError(`${path}: ${quote(value)} ${formats[format].says}.`, 'BAD_USER_INPUT', { argument: path });
  }
  return null;
}

/**
 * The text limit of each field that raises it (`Type.field` → characters), read from the schema
 * type-graphql builds: its extensions do not survive the SDL round trip of `buildSubgraphSchema`.
 */
export function textLimitsOf(schema: GraphQLSchema): Map<string, number> {
  const limits = new Map<string, number>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!('getFields' in type) || type.name.startsWith('__') || isInputObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const limit = field.extensions?.[MAX_TEXT_LENGTH_EXTENSION];
      if (typeof limit === 'number') limits.set(`${type.name}.${field.name}`, limit);
    }
  }
  return limits;
}

/**
 * The global middleware of every field of every subgraph: refuses oversized texts, NUL characters
 * and malformed ids before any service runs, and turns a database refusal of the caller's input
 * (a number out of range, a missing reference…) into BAD_USER_INPUT / NOT_FOUND instead of an
 * internal error with a driver stack. `textLimits` is filled by `buildFederatedSchema`.
 */
export function userInput(textLimits: ReadonlyMap<string, number>): MiddlewareFn {
  return async ({ args, info }, next) => {
    if (args && Object.keys(args).length > 0) {
      const limit = textLimits.get(`${info.parentType.name}.${info.fieldName}`) ?? MAX_TEXT_LENGTH;
      for (const arg of info.parentType.getFields()[info.fieldName]?.args ?? []) {
        const problem = inputProblem((args as Record<string, unknown>)[arg.name], arg.type, arg.name, arg.name, limit);
        if (problem) throw problem;
      }
    }
    try {
      return (await next()) as unknown;
    } catch (error) {
      throw userInputError(error) ?? error;
    }
  };
}
