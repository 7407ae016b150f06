import { registerEnumType } from 'type-graphql';

/** Why an accompaniment ended (Pas-de-Calais list, plus what practice needs). */
export enum ExitReason {
  STABILISATION = 'STABILISATION',
  EVOLUTION = 'EVOLUTION',
  FINANCIAL_CHANGE = 'FINANCIAL_CHANGE',
  DYNAMIC_EXIT = 'DYNAMIC_EXIT',
  REORIENTATION = 'REORIENTATION',
  DROPPED_OUT = 'DROPPED_OUT',
  MOVED = 'MOVED',
  DECEASED = 'DECEASED',
  OTHER = 'OTHER',
}
export const exitReasons = Object.values(ExitReason);

/** For a FINANCIAL_CHANGE exit: which income replaced the RSA. */
export enum ExitSubReason {
  AAH = 'AAH',
  UNEMPLOYMENT_BENEFIT = 'UNEMPLOYMENT_BENEFIT',
  INVALIDITY_PENSION = 'INVALIDITY_PENSION',
  DAILY_ALLOWANCE = 'DAILY_ALLOWANCE',
  RETIREMENT_ASPA = 'RETIREMENT_ASPA',
}
export const exitSubReasons = Object.values(ExitSubReason);

export enum AppointmentKind {
  FIRST = 'FIRST',
  INTERMEDIATE = 'INTERMEDIATE',
  FINAL_REVIEW = 'FINAL_REVIEW',
  COLLECTIVE_SESSION = 'COLLECTIVE_SESSION',
  PERMANENCE = 'PERMANENCE',
}
export const appointmentKinds = Object.values(AppointmentKind);

export enum AppointmentStatus {
  PLANNED = 'PLANNED',
  HONOURED = 'HONOURED',
  MISSED = 'MISSED',
  EXCUSED = 'EXCUSED',
}
export const appointmentStatuses = Object.values(AppointmentStatus);

export enum ReferralStatus {
  SENT = 'SENT',
  ACCEPTED = 'ACCEPTED',
  REFUSED = 'REFUSED',
  DONE = 'DONE',
  NO_SHOW = 'NO_SHOW',
}
export const referralStatuses = Object.values(ReferralStatus);

/** Types of psychological difficulty followed by the indicator « type de difficultés psychiques ». */
export enum PsychologicalDifficulty {
  ANXIETY = 'ANXIETY',
  DEPRESSION = 'DEPRESSION',
  PSYCHOTIC_DISORDER = 'PSYCHOTIC_DISORDER',
  ADDICTION = 'ADDICTION',
  TRAUMA = 'TRAUMA',
  SOCIAL_ISOLATION = 'SOCIAL_ISOLATION',
  COGNITIVE_DISORDER = 'COGNITIVE_DISORDER',
  OTHER = 'OTHER',
}
export const psychologicalDifficulties = Object.values(PsychologicalDifficulty);

/** Obstacles to insertion. */
export enum Barrier {
  HEALTH = 'HEALTH',
  MENTAL_HEALTH = 'MENTAL_HEALTH',
  MOBILITY = 'MOBILITY',
  CHILDCARE = 'CHILDCARE',
  HOUSING = 'HOUSING',
  DIGITAL = 'DIGITAL',
  ADDICTION = 'ADDICTION',
  LANGUAGE = 'LANGUAGE',
  FINANCIAL = 'FINANCIAL',
}
export const barriers = Object.values(Barrier);

/** Where an accompaniment stands in its life cycle. */
export enum AccompanimentStatus {
  PRESCRIBED = 'PRESCRIBED',
  VALIDATED = 'VALIDATED',
  IN_PROGRESS = 'IN_PROGRESS',
  FINAL_REVIEW_DONE = 'FINAL_REVIEW_DONE',
  ENDED = 'ENDED',
}

/** What a timeline event records. */
export enum TimelineEventKind {
  PRESCRIBED = 'PRESCRIBED',
  VALIDATED = 'VALIDATED',
  STARTED = 'STARTED',
  APPOINTMENT = 'APPOINTMENT',
  REFERRAL = 'REFERRAL',
  FINAL_REVIEW = 'FINAL_REVIEW',
  EXIT = 'EXIT',
}

/** Why a life-cycle change is refused: the `code` of the results' `MutationError`. */
export enum LifecycleErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  INVALID_DATE = 'INVALID_DATE',
  DATES_OUT_OF_ORDER = 'DATES_OUT_OF_ORDER',
  ALREADY_OPEN_IN_PROGRAMME = 'ALREADY_OPEN_IN_PROGRAMME',
  NOT_VALIDATED = 'NOT_VALIDATED',
  ALREADY_VALIDATED = 'ALREADY_VALIDATED',
  NOT_STARTED = 'NOT_STARTED',
  ALREADY_ENDED = 'ALREADY_ENDED',
  SUB_REASON_REQUIRED = 'SUB_REASON_REQUIRED',
  SUB_REASON_NOT_ALLOWED = 'SUB_REASON_NOT_ALLOWED',
  INVALID_TRANSITION = 'INVALID_TRANSITION',
}

/** Alerts a référent filters their caseload by. */
export enum CaseloadAlert {
  /** Prescribed more than 30 days ago and no first interview yet. */
  WAITING_FIRST_INTERVIEW = 'WAITING_FIRST_INTERVIEW',
  /** The last appointment held or due was missed. */
  MISSED_LAST_APPOINTMENT = 'MISSED_LAST_APPOINTMENT',
  /** Started more than 5 months ago without a final review: the CER renewal or final review is due. */
  REVIEW_DUE = 'REVIEW_DUE',
}

registerEnumType(ExitReason, { name: 'ExitReason', description: 'Why an accompaniment ended.' });
registerEnumType(ExitSubReason, { name: 'ExitSubReason', description: 'For a FINANCIAL_CHANGE exit: the income that replaced the RSA.' });
registerEnumType(AppointmentKind, { name: 'AppointmentKind', description: 'Kind of appointment in an accompaniment.' });
registerEnumType(AppointmentStatus, { name: 'AppointmentStatus', description: 'Whether an appointment was held.' });
registerEnumType(ReferralStatus, { name: 'ReferralStatus', description: 'Where a referral to a partner service stands.' });
registerEnumType(PsychologicalDifficulty, { name: 'PsychologicalDifficulty', description: 'Type of psychological difficulty.' });
registerEnumType(Barrier, { name: 'Barrier', description: 'Obstacle to insertion.' });
registerEnumType(AccompanimentStatus, { name: 'AccompanimentStatus', description: 'Stage of an accompaniment in its life cycle.' });
registerEnumType(TimelineEventKind, { name: 'TimelineEventKind', description: 'What a timeline event records.' });
registerEnumType(CaseloadAlert, { name: 'CaseloadAlert', description: 'Alerts to filter a caseload by.' });
