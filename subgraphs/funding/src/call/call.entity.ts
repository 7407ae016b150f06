import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A call for projects (« appel à projets ») of a programme. */
export const CallForProjectsEntity = defineEntity({
  name: 'CallForProjects',
  tableName: 'call_for_projects',
  schema: 'funding',
  properties: {
    id: p.uuid().primary(),
    departmentCode: p.string(),
    programmeId: p.uuid(),
    name: p.string(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type CallForProjects = InferEntity<typeof CallForProjectsEntity>;

/** An application window of a call, possibly restricted to zones no convention covers yet. */
export const CallSessionEntity = defineEntity({
  name: 'CallSession',
  tableName: 'call_session',
  schema: 'funding',
  properties: {
    id: p.uuid().primary(),
    departmentCode: p.string(),
    callId: p.uuid(),
    opensOn: p.date(),
    closesOn: p.date(),
    uncoveredZonesOnly: p.boolean(),
  },
});
export type CallSession = InferEntity<typeof CallSessionEntity>;
