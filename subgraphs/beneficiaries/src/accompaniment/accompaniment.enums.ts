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
  /** Called off before its day (by the référent, or by the exit of the accompaniment). */
  CANCELLED = 'CANCELLED',
}
export const appointmentStatuses = Object.values(AppointmentStatus);

export enum ReferralStatus {
  SENT = 'SENT',
  ACCEPTED = 'ACCEPTED',
  REFUSED = 'REFUSED',
  DONE = 'DONE',
  NO_SHOW = 'NO_SHOW',
  /** Sent and left unanswered for REFERRAL_EXPIRES_AFTER_DAYS days: derived on reading, never stored. */
  EXPIRED = 'EXPIRED',
}
export const referralStatuses = Object.values(ReferralStatus);

/** A referral the partner has not answered within this many days expires (the référent sends another or orients elsewhere). */
export const REFERRAL_EXPIRES_AFTER_DAYS = 30;

/** Why a partner refused a referral (the coded reasons of DORA and les-emplois, grouped). */
export enum ReferralRefusalReason {
  NOT_ELIGIBLE = 'NOT_ELIGIBLE',
  NO_CAPACITY = 'NO_CAPACITY',
  PERSON_DECLINED = 'PERSON_DECLINED',
  UNREACHABLE = 'UNREACHABLE',
  NOT_RELEVANT = 'NOT_RELEVANT',
  DUPLICATE = 'DUPLICATE',
  OTHER = 'OTHER',
}

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
  /** A first interview is already held or planned in this accompaniment. */
  FIRST_INTERVIEW_EXISTS = 'FIRST_INTERVIEW_EXISTS',
  /** An outcome (honoured, missed, excused) for a day still to come. */
  OUTCOME_IN_FUTURE = 'OUTCOME_IN_FUTURE',
  /** A new appointment planned for a day already past. */
  PLANNED_IN_PAST = 'PLANNED_IN_PAST',
  /** Appointments on or before the exit day are still planned: record how they went first. */
  OPEN_APPOINTMENTS = 'OPEN_APPOINTMENTS',
  /** The person has no accompaniment in progress that the caller follows. */
  NO_OPEN_ACCOMPANIMENT = 'NO_OPEN_ACCOMPANIMENT',
  /** A referral of this person to this service is already waiting or accepted. */
  DUPLICATE_REFERRAL = 'DUPLICATE_REFERRAL',
  /** A refusal needs its coded reason. */
  REFUSAL_REASON_REQUIRED = 'REFUSAL_REASON_REQUIRED',
  /** The referral expired unanswered. */
  EXPIRED = 'EXPIRED',
  /** Only the partner receiving a referral (or an administrator) accepts or refuses it. */
  NOT_THE_RECEIVER = 'NOT_THE_RECEIVER',
}

/** Alerts a référent filters their caseload by. */
export enum CaseloadAlert {
  /** Prescribed more than 30 days ago and no first interview yet. */
  WAITING_FIRST_INTERVIEW = 'WAITING_FIRST_INTERVIEW',
  /** The last appointment held or due was missed. */
  MISSED_LAST_APPOINTMENT = 'MISSED_LAST_APPOINTMENT',
  /** Started more than 5 months ago without a final review: the CER renewal or final review is due. */
  REVIEW_DUE = 'REVIEW_DUE',
  /** An appointment whose day has passed is still « planned »: record how it went. */
  APPOINTMENT_TO_CLOSE = 'APPOINTMENT_TO_CLOSE',
  /** A referral expired unanswered (or was refused) while the accompaniment goes on: orient again. */
  REFERRAL_UNANSWERED = 'REFERRAL_UNANSWERED',
  /** The right was opened (since the law in force) and no orientation is recorded: the legal deadline (6 weeks) is 7 days away or past. */
  ORIENTATION_DUE = 'ORIENTATION_DUE',
  /** The current orientation was notified (since the law in force) and no contract is signed since: the legal deadline (1 month) is 7 days away or past. */
  CONTRACT_DUE = 'CONTRACT_DUE',
}

registerEnumType(ExitReason, { name: 'ExitReason', description: 'Why an accompaniment ended.' });
registerEnumType(ExitSubReason, { name: 'ExitSubReason', description: 'For a FINANCIAL_CHANGE exit: the income that replaced the RSA.' });
registerEnumType(AppointmentKind, { name: 'AppointmentKind', description: 'Kind of appointment in an accompaniment.' });
registerEnumType(AppointmentStatus, { name: 'AppointmentStatus', description: 'Whether an appointment was held.' });
registerEnumType(ReferralStatus, { name: 'ReferralStatus', description: 'Where a referral to a partner service stands.' });
registerEnumType(ReferralRefusalReason, { name: 'ReferralRefusalReason', description: 'Why a partner refused a referral.' });
registerEnumType(PsychologicalDifficulty, { name: 'PsychologicalDifficulty', description: 'Type of psychological difficulty.' });
registerEnumType(Barrier, { name: 'Barrier', description: 'Obstacle to insertion.' });
registerEnumType(AccompanimentStatus, { name: 'AccompanimentStatus', description: 'Stage of an accompaniment in its life cycle.' });
registerEnumType(TimelineEventKind, { name: 'TimelineEventKind', description: 'What a timeline event records.' });
registerEnumType(CaseloadAlert, { name: 'CaseloadAlert', description: 'Alerts to filter a caseload by.' });
