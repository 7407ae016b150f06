import { PageInfo } from '@passerelles/subgraph-kit';
import { Field, Int, ObjectType } from 'type-graphql';
import { CaseloadAlert } from '../accompaniment/accompaniment.enums.js';
import { BeneficiaryType } from '../beneficiary/beneficiary.type.js';
import type { CaseloadFilter } from './caseload.repository.js';

@ObjectType('BeneficiaryAlert', { description: 'An alert a person of the caller’s caseload raises today.' })
export class BeneficiaryAlertType {
  @Field(() => CaseloadAlert)
  kind!: CaseloadAlert;

  @Field(() => String, {
    description:
      'The day it refers to (YYYY-MM-DD): when the first interview was due (prescription + 30 days), the day of the missed appointment, when the review was due (start + 5 months), or the legal deadline of the orientation (right opened + 42 days).',
  })
  dueOn!: string;
}

@ObjectType('CaseloadAlertCount', { description: 'How many people of the caseload raise one alert.' })
export class CaseloadAlertCountType {
  @Field(() => CaseloadAlert)
  alert!: CaseloadAlert;

  @Field(() => Int, { description: 'People (not hidden: the caller reads each of them).' })
  people!: number;
}

@ObjectType('CaseloadConnection', { description: 'A page of a caseload, with the figures of the whole caseload.' })
export class CaseloadConnection {
  @Field(() => [BeneficiaryType])
  nodes!: BeneficiaryType[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  /** Not exposed: what the page was asked with, for `totalCount`. */
  filter!: CaseloadFilter;

  /** Not exposed: the day the alerts were judged on. */
  today!: string;
}
