import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

export const RecordTypeEnum = { STRUCTURE: 'STRUCTURE', SERVICE: 'SERVICE' } as const;
registerEnumType(RecordTypeEnum, { name: 'DataInclusionRecordType', description: 'A data·inclusion structure or service.' });

@ObjectType('DataInclusionRecordError', { description: 'Why one record of an import was refused.' })
export class DataInclusionRecordErrorType {
  @Field(() => RecordTypeEnum)
  recordType!: 'STRUCTURE' | 'SERVICE';

  @Field(() => Int, { description: 'Position of the record in its document (0-based); -1 for the document itself.' })
  index!: number;

  @Field(() => String, { nullable: true, description: 'Its `id`, when it has one.' })
  id!: string | null;

  @Field(() => [String], { description: 'Each problem: JSON pointer to the field, and what is wrong.' })
  messages!: string[];
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
