import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { problemCodes, type Problem, type ProblemCode } from './validation.js';

export const RecordTypeEnum = { STRUCTURE: 'STRUCTURE', SERVICE: 'SERVICE' } as const;
registerEnumType(RecordTypeEnum, { name: 'DataInclusionRecordType', description: 'A data·inclusion structure or service.' });

export const ProblemCodeEnum = Object.fromEntries(problemCodes.map((c) => [c, c])) as { [K in ProblemCode]: K };
registerEnumType(ProblemCodeEnum, {
  name: 'DataInclusionProblemCode',
  description: 'Kind of problem in an imported record, for clients to explain it in their own language.',
  valuesConfig: {
    NOT_AN_ARRAY: { description: 'The document is not a JSON array of records.' },
    REQUIRED: { description: 'A required field is missing.' },
    WRONG_TYPE: { description: 'The value is not of the expected type (`expected`).' },
    NOT_ALLOWED: { description: 'The value is not one of the allowed values of the schema.' },
    BAD_FORMAT: { description: 'The value does not have the expected format (`expected`: e.g. `date`, `email`, `uri`, or a pattern).' },
    TOO_SHORT: { description: 'Shorter (or fewer items) than `expected`.' },
    TOO_LONG: { description: 'Longer (or more items) than `expected`.' },
    OUT_OF_RANGE: { description: 'Beyond the bound `expected`.' },
    UNKNOWN_FIELD: { description: 'A field the schema does not have.' },
    UNKNOWN_COMMUNE: { description: 'The INSEE code is not a commune of the COG.' },
    INVALID_HOURS: { description: 'The opening hours are not valid OSM `opening_hours`.' },
    DUPLICATE_ID: { description: 'The same id appears twice in the document.' },
    UNKNOWN_STRUCTURE: { description: 'The service names a structure that is neither in the import nor listed.' },
    INVALID: { description: 'Any other problem (see `message`).' },
  },
});

@ObjectType('DataInclusionProblem', { description: 'One problem of an imported record: where, what kind, and an English message.' })
export class DataInclusionProblemType {
  @Field(() => String, { description: 'Top-level field of the record, e.g. `code_insee`; empty for the record or document itself.' })
  field!: string;

  @Field(() => String, { description: 'JSON pointer to the value, e.g. `/thematiques/0`.' })
  path!: string;

  @Field(() => ProblemCodeEnum)
  code!: ProblemCode;

  @Field(() => String, { nullable: true, description: 'What was expected: a type, a format, a length or a bound.' })
  expected!: string | null;

  @Field(() => String, { nullable: true, description: 'The offending value, as (shortened) JSON.' })
  value!: string | null;

  @Field(() => String, { description: 'The problem in English.' })
  message!: string;

  static from(p: Problem): DataInclusionProblemType {
    return Object.assign(new DataInclusionProblemType(), p);
  }
}

@ObjectType('DataInclusionRecordError', { description: 'Why one record of an import was refused.' })
export class DataInclusionRecordErrorType {
  @Field(() => RecordTypeEnum)
  recordType!: 'STRUCTURE' | 'SERVICE';

  @Field(() => Int, { description: 'Position of the record in its document (0-based); -1 for the document itself.' })
  index!: number;

  @Field(() => String, { nullable: true, description: 'Its `id`, when it has one.' })
  id!: string | null;

  @Field(() => [String], { description: 'Each problem: JSON pointer to the field, and what is wrong (English).' })
  messages!: string[];

  @Field(() => [DataInclusionProblemType], { description: 'Each problem, structured.' })
  problems!: DataInclusionProblemType[];
}

@ObjectType('DataInclusionImportReport', { description: 'Outcome of an import: either everything was written, or nothing and the errors say why.' })
export class DataInclusionImportReportType {
  @Field(() => Boolean, { description: 'True when every record was valid (and, unless dryRun, written).' })
  ok!: boolean;

  @Field(() => Boolean, { description: 'True when nothing was meant to be written.' })
  dryRun!: boolean;

  @Field(() => Int)
  structuresCreated!: number;

  @Field(() => Int)
  structuresUpdated!: number;

  @Field(() => Int)
  servicesCreated!: number;

  @Field(() => Int)
  servicesUpdated!: number;

  @Field(() => [DataInclusionRecordErrorType])
  errors!: DataInclusionRecordErrorType[];
}

@ObjectType('DataInclusionExport', { description: "The Département's live listings in the data·inclusion v1 format." })
export class DataInclusionExportType {
  @Field(() => String, { description: 'JSON array of data·inclusion structures.' })
  structures!: string;

  @Field(() => String, { description: 'JSON array of data·inclusion services.' })
  services!: string;

  @Field(() => Int)
  structureCount!: number;

  @Field(() => Int)
  serviceCount!: number;
}
