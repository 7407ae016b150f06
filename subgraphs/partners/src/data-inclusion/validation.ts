import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { serviceSchema } from './schema/service.schema.js';
import { structureSchema } from './schema/structure.schema.js';

// ajv-formats is CommonJS with a default export; under NodeNext its namespace is what we get.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

const ajv = new Ajv({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv) => void)(ajv);

let structureValidator: ValidateFunction | null = null;
let serviceValidator: ValidateFunction | null = null;

function describe(errors: ErrorObject[] | null | undefined): string[] {
  // anyOf branches (value or null) repeat each failure: keep one message per place and reason.
  const messages = (errors ?? [])
    .filter((e) => e.keyword !== 'anyOf' && !(e.keyword === 'type' && e.params.type === 'null'))
    .map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
  return [...new Set(messages)];
}

/** Validates a record against the official data·inclusion v1 structure schema; returns the errors. */
export function validateStructure(record: unknown): string[] {
  structureValidator ??= ajv.compile(structureSchema as object);
  return structureValidator(record) ? [] : describe(structureValidator.errors);
}

/** Validates a record against the official data·inclusion v1 service schema; returns the errors. */
export function validateService(record: unknown): string[] {
  serviceValidator ??= ajv.compile(serviceSchema as object);
  return serviceValidator(record) ? [] : describe(serviceValidator.errors);
}
