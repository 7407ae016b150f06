import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** The final report (« bilan final d'exécution ») of a convention, due on 31 March of year N+1. */
export const FinalReportEntity = defineEntity({
  name: 'FinalReport',
  tableName: 'final_report',
  schema: 'funding',
  properties: {
    conventionId: p.uuid().primary(),
    departmentCode: p.string(),
    dueOn: p.date(),
    receivedOn: p.date().nullable(),
    placesContracted: p.integer().nullable(),
    placesFilled: p.integer().nullable(),
    peopleAccompanied: p.integer().nullable(),
    indicators: p.json<Record<string, number>>(),
  },
});
export type FinalReport = InferEntity<typeof FinalReportEntity>;
