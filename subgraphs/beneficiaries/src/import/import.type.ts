import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType('ImportRejection', { description: 'A rejected value of an imported file.' })
export class ImportRejection {
  @Field(() => Int, { description: 'Line in the file (the header is line 1).' })
  line!: number;

  @Field(() => String, { description: 'Column name, or empty for the whole line.' })
  column!: string;

  @Field(() => String, { description: 'Why it was rejected.' })
  reason!: string;
}

@ObjectType('ImportReport', { description: 'Outcome of an import: either every line is written, or nothing is.' })
export class ImportReport {
  @Field(() => Boolean, { description: 'True when the file was valid (and written, unless a dry run).' })
  ok!: boolean;

  @Field(() => Boolean, { description: 'True when nothing was meant to be written.' })
  dryRun!: boolean;

  @Field(() => Int, { description: 'Data lines read.' })
  rowsRead!: number;

  @Field(() => Int, { description: 'People created or changed.' })
  beneficiariesWritten!: number;

  @Field(() => Int, { description: 'Accompaniments created or changed.' })
  accompanimentsWritten!: number;

  @Field(() => [ImportRejection], { description: 'Every rejected value; when not empty, nothing was written.' })
  rejected!: ImportRejection[];
}
