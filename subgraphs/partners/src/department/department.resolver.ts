import type { SubgraphContext } from '@passerelles/subgraph-kit';
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { departmentByCode } from './department.service.js';
import { DepartmentType } from './department.type.js';

@Resolver(() => DepartmentType)
export class DepartmentResolver {
  @Query(() => DepartmentType, {
    nullable: true,
    description: "A Département by INSEE code; without a code, the caller's own. Null for any other Département.",
  })
  department(
    @Ctx() ctx: SubgraphContext,
    @Arg('code', () => String, { nullable: true }) code?: string | null,
  ): Promise<DepartmentType | null> {
    return departmentByCode(ctx, code);
  }
}
