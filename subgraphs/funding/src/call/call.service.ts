import type { SubgraphContext } from '@passerelles/subgraph-kit';
import { programmeById } from '../programme/programme.service.js';
import { CallRepository } from './call.repository.js';
import type { CallForProjectsType } from './call.type.js';

/** Calls for projects are public procedures: every role of the Département may read them. */
export async function listCalls(ctx: SubgraphContext, programmeId: string | null): Promise<CallForProjectsType[]> {
  const rows = await new CallRepository(ctx.em).inDepartment(ctx.caller.departmentCode, programmeId);
  return Promise.all(
    rows.map(async (r) => ({ id: r.id, name: r.name, sessions: r.sessions, programme: (await programmeById(ctx, r.programmeId))! })),
  );
}
