import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType('Publication', {
  description:
    "What the caller's Département publishes to callers without exact counts (statistical secrecy, ADR 0023): the grid its linked protection could protect, as of a day. Counts finer than the grid are « non publié à ce niveau ».",
})
export class PublicationType {
  @Field({ description: 'The day the job ran (YYYY-MM-DD).' })
  asOf!: string;

  @Field({
    description:
      'The last month published (YYYY-MM): the last closed when the job ran, ten days after its end (later records about it are never published). Periods are published once closed, never cut at a day: a period ending after this month is « non publié à ce niveau ».',
  })
  throughMonth!: string;

  @Field({ description: 'When the publication job computed it (ISO 8601).' })
  computedAt!: string;

  @Field(() => String, { nullable: true, description: 'The grid published, in French (e.g. « Département par trimestre, un territoire, programme ou opérateur par an »); null when no grid could be protected (nothing is published).' })
  gridName!: string | null;

  @Field(() => Int, { nullable: true, description: 'How many of territory, programme and operator a published scope may fix at once (0: the Département only).' })
  crossings!: number | null;

  @Field(() => [String], { description: 'The finest period published (MONTH, QUARTER or YEAR) for a scope fixing 0, 1, … of territory, programme and operator; empty when nothing is published.' })
  finest!: string[];
}
