import { byKeys, countsByKeys, type SubgraphContext } from '@passerelles/subgraph-kit';
import { CommitmentRepository } from '../commitment/commitment.repository.js';
import type { Programme } from './programme.entity.js';
import { ProgrammeRepository } from './programme.repository.js';

const programmesById = Symbol('programmesById');
const committedByProgramme = Symbol('committedByProgramme');
const paidByProgramme = Symbol('paidByProgramme');

export function programmeById(ctx: SubgraphContext, id: string): Promise<Programme | null> {
  const department = ctx.caller.departmentCode;
  return ctx.loaders
    .get<string, Programme | null>(programmesById, async (ids) =>
      byKeys(ids, await new ProgrammeRepository(ctx.em).byIds(department, ids), (p) => p.id),
    )
    .load(id);
}

export function listProgrammes(ctx: SubgraphContext): Promise<Programme[]> {
  return new ProgrammeRepository(ctx.em).inDepartment(ctx.caller.departmentCode);
}

/** Total committed to a programme, in cents (batched). */
export function programmeCommitted(ctx: SubgraphContext, programmeId: string): Promise<number> {
  const department = ctx.caller.departmentCode;
  return ctx.loaders
    .get<string, number>(committedByProgramme, async (ids) =>
      countsByKeys(ids, await new CommitmentRepository(ctx.em).totalsByProgramme(department, ids)),
    )
    .load(programmeId);
}

/** Total paid under a programme, in cents (batched). */
export function programmePaid(ctx: SubgraphContext, programmeId: string): Promise<number> {
  const department = ctx.caller.departmentCode;
  return ctx.loaders
    .get<string, number>(paidByProgramme, async (ids) => countsByKeys(ids, await new CommitmentRepository(ctx.em).paidByProgramme(department, ids)))
    .load(programmeId);
}
