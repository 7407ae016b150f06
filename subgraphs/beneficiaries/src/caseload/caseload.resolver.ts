import { Can, type SubgraphContext } from '@passerelles/subgraph-kit';
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { CaseloadAlert } from '../accompaniment/accompaniment.enums.js';
import type { BeneficiaryRecord } from '../beneficiary/beneficiary.entity.js';
import { BeneficiaryConnection, BeneficiaryType } from '../beneficiary/beneficiary.type.js';
import { alertsOf, caseload, caseloadAlertCounts, caseloadTotal, prescribed } from './caseload.service.js';
import { BeneficiaryAlertType, CaseloadAlertCountType, CaseloadConnection } from './caseload.type.js';

@Resolver(() => CaseloadConnection)
export class CaseloadResolver {
  @Query(() => CaseloadConnection, {
    description:
      "The caller's caseload, by id: a référent's own people (open accompaniments they follow); for an administrator, every open accompaniment of the Département. Each page read is audited.",
  })
  @Can('caseload:read')
  caseload(
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('alert', () => CaseloadAlert, { nullable: true, description: 'Only the people raising this alert today.' }) alert: CaseloadAlert | null,
    @Arg('among', () => [ID], { nullable: true, description: 'Only these people (at most 1 000), e.g. those a contract alert names.' }) among: string[] | null,
    @Arg('name', () => String, {
      nullable: true,
      description: 'Only the people whose first or last names hold every word typed (whole words; case and accents ignored), found on a blind index: nothing is decrypted to search.',
    })
    name: string | null,
  ): Promise<CaseloadConnection> {
    return caseload(ctx, { first, after: after ?? null, alert: alert ?? null, among: among ?? null, name: name ?? null });
  }

  @Query(() => BeneficiaryConnection, {
    description: 'A prescriber’s people: everyone with an accompaniment they prescribed (open or ended), the most recent prescription first. Each page read is audited.',
  })
  @Can('prescribed:read')
  prescribed(
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<BeneficiaryConnection> {
    return prescribed(ctx, { first, after: after ?? null });
  }

  @FieldResolver(() => Int, { description: 'People in the caseload with the same filters, all pages together.' })
  totalCount(@Root() connection: CaseloadConnection, @Ctx() ctx: SubgraphContext): Promise<number> {
    return caseloadTotal(ctx, connection);
  }

  @FieldResolver(() => [CaseloadAlertCountType], { description: 'For every alert, the people of the whole caseload raising it today, whatever the filters.' })
  alertCounts(@Root() connection: CaseloadConnection, @Ctx() ctx: SubgraphContext): Promise<CaseloadAlertCountType[]> {
    return caseloadAlertCounts(ctx, connection.today);
  }
}

@Resolver(() => BeneficiaryType)
export class BeneficiaryAlertsResolver {
  @FieldResolver(() => [BeneficiaryAlertType], { description: 'The alerts the person raises today in the accompaniments the caller may read, the earliest due first.' })
  alerts(@Root() beneficiary: BeneficiaryRecord, @Ctx() ctx: SubgraphContext): Promise<BeneficiaryAlertType[]> {
    return alertsOf(ctx, beneficiary.id);
  }
}
