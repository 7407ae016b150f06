import type { BreachKind, BreachSource, HearingOutcome, LiftReason, SanctionDecision, SanctionStatus } from './sanction.enums.js';

/** One suspension-remobilisation procedure, as the repository reads it. */
export interface SanctionProcedureRecord {
  id: string;
  departmentCode: string;
  beneficiaryId: string;
  status: SanctionStatus;
  breachKind: BreachKind;
  breachOn: string;
  breachSource: BreachSource;
  breachNote: string | null;
  recordedBy: string;
  recordedOn: string;
  hearingOn: string | null;
  hearingOutcome: HearingOutcome | null;
  decision: SanctionDecision | null;
  rate: number | null;
  durationMonths: number | null;
  householdType: string | null;
  repeatOf: string | null;
  decidedOn: string | null;
  effectiveOn: string | null;
  decidedBy: string | null;
  liftedOn: string | null;
  liftReason: LiftReason | null;
  withheldRepaid: boolean | null;
  endedOn: string | null;
  endReason: string | null;
}
