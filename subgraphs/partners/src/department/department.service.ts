import { byKeys, departmentScope, type SubgraphContext } from '@passerelles/subgraph-kit';
import type { Department } from './department.entity.js';
import { DepartmentRepository } from './department.repository.js';

const departmentsByCode = Symbol('departmentsByCode');

/** A Département the caller may see: only their own. */
export function departmentByCode(ctx: SubgraphContext, code: string | null | undefined): Promise<Department | null> {
  const scope = departmentScope(ctx.caller, code);
  if (!scope) return Promise.resolve(null);
  return ctx.loaders
    .get<string, Department | null>(departmentsByCode, async (codes) =>
      byKeys(codes, await new DepartmentRepository(ctx.em).byCodes(codes), (d) => d.code),
    )
    .load(scope);
}
