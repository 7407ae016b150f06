import { AccompanimentStatus, type ExitReason, type ExitSubReason } from './accompaniment.enums.js';

/** An accompaniment as services handle it. */
export interface AccompanimentRecord {
  id: string;
  departmentCode: string;
  beneficiaryId: string;
  programmeId: string;
  operatorId: string;
  conventionId: string | null;
  territoryId: string | null;
  referentId: string | null;
  prescriberId: string | null;
  prescribedOn: string;
  validatedOn: string | null;
  startedOn: string | null;
  finalReviewOn: string | null;
  endedOn: string | null;
  exitReason: ExitReason | null;
  exitSubReason: ExitSubReason | null;
}

export function statusOf(a: Pick<AccompanimentRecord, 'validatedOn' | 'startedOn' | 'finalReviewOn' | 'endedOn'>): AccompanimentStatus {
  if (a.endedOn) return AccompanimentStatus.ENDED;
  if (a.finalReviewOn) return AccompanimentStatus.FINAL_REVIEW_DONE;
  if (a.startedOn) return AccompanimentStatus.IN_PROGRESS;
  if (a.validatedOn) return AccompanimentStatus.VALIDATED;
  return AccompanimentStatus.PRESCRIBED;
}

export const ACCOMPANIMENT_COLUMNS = `a.id, a.department_code as "departmentCode", a.beneficiary_id as "beneficiaryId", a.programme_id as "programmeId",
  a.operator_id as "operatorId", a.convention_id as "conventionId", a.territory_id as "territoryId", a.referent_id as "referentId",
  a.prescriber_id as "prescriberId", a.prescribed_on::text as "prescribedOn", a.validated_on::text as "validatedOn",
  a.started_on::text as "startedOn", a.final_review_on::text as "finalReviewOn", a.ended_on::text as "endedOn",
  a.exit_reason as "exitReason", a.exit_sub_reason as "exitSubReason"`;
