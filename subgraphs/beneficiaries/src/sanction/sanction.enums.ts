import { registerEnumType } from 'type-graphql';

/** Where a procedure stands: BREACH_RECORDED → HEARD → DECIDED → LIFTED (remobilised) | ENDED. */
export enum SanctionStatus {
  BREACH_RECORDED = 'BREACH_RECORDED',
  HEARD = 'HEARD',
  DECIDED = 'DECIDED',
  /** The person re-engaged: the suspension is lifted (« remobilisation »). */
  LIFTED = 'LIFTED',
  /** Closed otherwise: dropped before a decision, no sanction, or a suspension that ran its term. */
  ENDED = 'ENDED',
}

/** The breach (« manquement ») recorded: a coded list after CASF L. 262-37 as amended by the loi pour le plein emploi. */
export enum BreachKind {
  /** Refuses to draw up or sign the contrat d'engagement. */
  CONTRACT_NOT_SIGNED = 'CONTRACT_NOT_SIGNED',
  /** Does not keep the commitments of the contract (activity hours, actions). */
  CONTRACT_OBLIGATIONS = 'CONTRACT_OBLIGATIONS',
  /** Misses an appointment with the référent or the lead structure without a legitimate reason. */
  APPOINTMENT_MISSED = 'APPOINTMENT_MISSED',
  /** Is not registered with France Travail, or was struck off its list. */
  FRANCE_TRAVAIL_REGISTRATION = 'FRANCE_TRAVAIL_REGISTRATION',
  OTHER = 'OTHER',
}

/** Who reported the breach. */
export enum BreachSource {
  REFERENT = 'REFERENT',
  DEPARTMENT = 'DEPARTMENT',
  FRANCE_TRAVAIL = 'FRANCE_TRAVAIL',
  PARTNER = 'PARTNER',
}

/** What came of the hearing (the person is invited to present observations before any decision). */
export enum HearingOutcome {
  ORAL_OBSERVATIONS = 'ORAL_OBSERVATIONS',
  WRITTEN_OBSERVATIONS = 'WRITTEN_OBSERVATIONS',
  /** Invited, did not come and sent nothing: the hearing step is done all the same. */
  DID_NOT_ATTEND = 'DID_NOT_ATTEND',
  /** Re-engaged at the hearing (often followed by NO_SANCTION). */
  REENGAGED = 'REENGAGED',
}

/** The Département's decision after the hearing. */
export enum SanctionDecision {
  SUSPENDED = 'SUSPENDED',
  NO_SANCTION = 'NO_SANCTION',
}

/** Why a suspension was lifted. */
export enum LiftReason {
  CONTRACT_SIGNED = 'CONTRACT_SIGNED',
  OBLIGATIONS_RESUMED = 'OBLIGATIONS_RESUMED',
  SITUATION_CHANGED = 'SITUATION_CHANGED',
  OTHER = 'OTHER',
}

/** Why a step of the procedure is refused: the `code` of the results' `MutationError`. */
export enum SanctionErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  INVALID_DATE = 'INVALID_DATE',
  /** A day in the future, or before the step it follows. */
  DATES_OUT_OF_ORDER = 'DATES_OUT_OF_ORDER',
  /** The step does not follow from where the procedure stands. */
  WRONG_STATE = 'WRONG_STATE',
  /** A procedure of this person already waits for its hearing or decision. */
  PROCEDURE_PENDING = 'PROCEDURE_PENDING',
  /** SUSPENDED: 30 to 100 %, whole percents. */
  RATE_OUT_OF_RANGE = 'RATE_OUT_OF_RANGE',
  /** A household of more than one person: at most 50 %. */
  HOUSEHOLD_CAP = 'HOUSEHOLD_CAP',
  /** 1 or 2 months; up to 4 for a repeat. */
  DURATION_OUT_OF_RANGE = 'DURATION_OUT_OF_RANGE',
  /** More than 2 months without a suspension decided in the previous 12 months. */
  NOT_A_REPEAT = 'NOT_A_REPEAT',
  /** SUSPENDED needs its rate and duration; NO_SANCTION takes none. */
  RATE_REQUIRED = 'RATE_REQUIRED',
  DURATION_REQUIRED = 'DURATION_REQUIRED',
  NOT_ALLOWED = 'NOT_ALLOWED',
  REASON_REQUIRED = 'REASON_REQUIRED',
}

registerEnumType(SanctionStatus, { name: 'SanctionStatus', description: 'Where a suspension-remobilisation procedure stands.' });
registerEnumType(BreachKind, { name: 'BreachKind', description: 'The kind of breach (« manquement ») recorded.' });
registerEnumType(BreachSource, { name: 'BreachSource', description: 'Who reported the breach.' });
registerEnumType(HearingOutcome, { name: 'HearingOutcome', description: 'What came of the hearing of the person.' });
registerEnumType(SanctionDecision, { name: 'SanctionDecision', description: "The Département's decision after the hearing." });
registerEnumType(LiftReason, { name: 'LiftReason', description: 'Why a suspension was lifted (remobilisation).' });
