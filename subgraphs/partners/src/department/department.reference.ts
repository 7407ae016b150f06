import type { SubgraphContext } from '@passerelles/subgraph-kit';
import type { Department } from './department.entity.js';
import { departmentByCode } from './department.service.js';

export const departmentReference = {
  Department: {
    __resolveReference: (reference: { code: string }, ctx: SubgraphContext): Promise<Department | null> =>
      departmentByCode(ctx, reference.code),
  },
};
