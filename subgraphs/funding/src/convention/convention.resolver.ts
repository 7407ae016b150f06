import type { SubgraphContext } from '@passerelles/subgraph-kit';
import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { conventionFunding, mayReadMoney, unitCosts } from './convention.service.js';
import { ConventionFundingType, ConventionType, UnitCostsType } from './convention.type.js';

@Resolver(() => ConventionType)
export class ConventionResolver {
  @FieldResolver(() => ConventionFundingType, {
    nullable: true,
    description:
      'Money of the convention (ADMIN, STEERING, and the operator for its own conventions; refused to REFERENT and PRESCRIBER). The balance rule prorates on the occupancy of the last day (`closingOccupancy`, the figure every page shows), recorded with the final report (`finalReport.closingCaseload` ÷ `closingPlaces`).',
  })
  @Directive('@requires(fields: "operator { id }")')
  funding(@Root() convention: ConventionType, @Ctx() ctx: SubgraphContext): Promise<ConventionFundingType | null> {
    return conventionFunding(ctx, convention);
  }

  @FieldResolver(() => Boolean, {
    description: "Whether the caller may read this convention's money (funding, payments, unit costs): the access catalogue's `convention:readMoney`. Screens show the money panels from it.",
  })
  @Directive('@requires(fields: "operator { id }")')
  viewerCanReadMoney(@Root() convention: ConventionType, @Ctx() ctx: SubgraphContext): boolean {
    return mayReadMoney(ctx.caller, convention);
  }

  @FieldResolver(() => UnitCostsType, { nullable: true, description: 'Amount committed per place contracted, per place filled and per person accompanied.' })
  // Nested selection last: composition prints "operator{id}places…", and the gateway then sent
  // only `operator` and `places` in the representation (tests/src/money.test.ts caught it).
  @Directive('@requires(fields: "activeCaseload peopleAccompanied places operator { id }")')
  unitCosts(@Root() convention: ConventionType, @Ctx() ctx: SubgraphContext): Promise<UnitCostsType | null> {
    return unitCosts(ctx, convention);
  }
}
