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
    /** The balance rule's basis (ADR 0021): the active caseload and places in force on the convention's last day, fetched once the report is received. */
    closingCaseload: p.integer().nullable(),
    closingPlaces: p.integer().nullable(),
    closingRecordedAt: p.datetime().nullable(),
  },
});
export type FinalReport = InferEntity<typeof FinalReportEntity>;
