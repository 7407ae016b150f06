import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import serviceSchema from './schema/service.json' with { type: 'json' };
import structureSchema from './schema/structure.json' with { type: 'json' };

// ajv-formats is CommonJS with a default export; under NodeNext its namespace is what we get.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

// `verbose` keeps the offending value in each error, for the report.
const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
(addFormats as unknown as (a: Ajv) => void)(ajv);

let structureValidator: ValidateFunction | null = null;
let serviceValidator: ValidateFunction | null = null;

export const problemCodes = [
  'NOT_AN_ARRAY',
  'REQUIRED',
  'WRONG_TYPE',
  'NOT_ALLOWED',
  'BAD_FORMAT',
  'TOO_SHORT',
  'TOO_LONG',
  'OUT_OF_RANGE',
  'UNKNOWN_FIELD',
  'UNKNOWN_COMMUNE',
  'INVALID_HOURS',
  'DUPLICATE_ID',
  'UNKNOWN_STRUCTURE',
  'INVALID',
] as const;
export type ProblemCode = (typeof problemCodes)[number];

/** One thing wrong with one record: where, what kind of problem, and the English message. */
export interface Problem {
  /** Top-level field of the record (`code_insee`, `thematiques`…); empty for the record or document itself. */
  field: string;
  /** JSON pointer to the value, e.g. `/thematiques/0`. */
  path: string;
  code: ProblemCode;
  /** What was expected: a type, a format, a length or bound; null when the code says it all. */
  expected: string | null;
  /** The offending value as JSON (shortened), when there is one. */
  value: string | null;
  message: string;
}

const KEYWORDS: Record<string, ProblemCode> = {
  required: 'REQUIRED',
  type: 'WRONG_TYPE',
  enum: 'NOT_ALLOWED',
  const: 'NOT_ALLOWED',
  format: 'BAD_FORMAT',
  pattern: 'BAD_FORMAT',
  minLength: 'TOO_SHORT',
  minItems: 'TOO_SHORT',
  maxLength: 'TOO_LONG',
  maxItems: 'TOO_LONG',
  minimum: 'OUT_OF_RANGE',
  maximum: 'OUT_OF_RANGE',
  exclusiveMinimum: 'OUT_OF_RANGE',
  exclusiveMaximum: 'OUT_OF_RANGE',
  additionalProperties: 'UNKNOWN_FIELD',
};

/** The offending value as short JSON. */
export function shortValue(value: unknown): string | null {
  if (value === undefined) return null;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** A problem found by Passerelles' own checks (beyond the schema). */
export function problem(field: string, code: ProblemCode, message: string, value?: unknown): Problem {
  return { field, path: field ? `/${field}` : '/', code, expected: null, value: shortValue(value), message: `${field ? `/${field}` : '/'} ${message}` };
}

function toProblem(e: ErrorObject): Problem {
  const params = e.params as Record<string, unknown>;
  const missing = e.keyword === 'required' ? String(params.missingProperty) : e.keyword === 'additionalProperties' ? String(params.additionalProperty) : null;
  const path = missing ? `${e.instancePath}/${missing}` : e.instancePath || '/';
  const expected =
    e.keyword === 'type' ? String(params.type) : e.keyword === 'format' ? String(params.format) : e.keyword === 'pattern' ? String(params.pattern) : 'limit' in params ? String(params.limit) : null;
  return {
    field: path.split('/')[1] ?? '',
    path,
    code: KEYWORDS[e.keyword] ?? 'INVALID',
    expected,
    value: missing && e.keyword === 'required' ? null : shortValue(e.data),
    message: `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`,
  };
}

function describe(errors: ErrorObject[] | null | undefined): Problem[] {
  // anyOf branches (value or null) repeat each failure: keep one problem per place and reason.
  const problems = (errors ?? []).filter((e) => e.keyword !== 'anyOf' && !(e.keyword === 'type' && e.params.type === 'null')).map(toProblem);
  return [...new Map(problems.map((p) => [p.message, p])).values()];
}

/** Validates a record against the official data·inclusion v1 structure schema; returns the problems. */
export function validateStructure(record: unknown): Problem[] {
  structureValidator ??= ajv.compile(structureSchema);
  return structureValidator(record) ? [] : describe(structureValidator.errors);
}

/** Validates a record against the official data·inclusion v1 service schema; returns the problems. */
export function validateService(record: unknown): Problem[] {
  serviceValidator ??= ajv.compile(serviceSchema);
  return serviceValidator(record) ? [] : describe(serviceValidator.errors);
}
