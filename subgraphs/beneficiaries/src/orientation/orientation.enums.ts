import { registerEnumType } from 'type-graphql';

/** Who leads the accompaniment an orientation gives (« structure référente »). */
export enum OrientationLead {
  FRANCE_TRAVAIL = 'FRANCE_TRAVAIL',
  DEPARTMENT = 'DEPARTMENT',
  /** A partner or operator of the Département, named by `leadPartnerId`. */
  PARTNER = 'PARTNER',
}

/** Where an orientation decision comes from: the Département's own, France Travail's (CASF D.262-65-2: after 6 weeks without one), or a file imported. */
export enum OrientationSource {
  DEPARTMENT = 'DEPARTMENT',
  FRANCE_TRAVAIL = 'FRANCE_TRAVAIL',
  IMPORT = 'IMPORT',
}

/** Where a reorientation request stands: REQUESTED → ACCEPTED | REFUSED (the Département) | WITHDRAWN (its requester). */
export enum ReorientationStatus {
  REQUESTED = 'REQUESTED',
  ACCEPTED = 'ACCEPTED',
  REFUSED = 'REFUSED',
  WITHDRAWN = 'WITHDRAWN',
}

/** The Département's answer to a reorientation request. */
export enum ReorientationDecision {
  ACCEPTED = 'ACCEPTED',
  REFUSED = 'REFUSED',
}

/** Why an orientation change is refused: the `code` of the results' `MutationError`. */
export enum OrientationErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  INVALID_DATE = 'INVALID_DATE',
  /** A day in the future, before the current orientation, before the decision or before the request. */
  DATES_OUT_OF_ORDER = 'DATES_OUT_OF_ORDER',
  UNKNOWN_TRACK = 'UNKNOWN_TRACK',
  UNKNOWN_CRITERION = 'UNKNOWN_CRITERION',
  /** A partner leads the accompaniment: which one. */
  LEAD_PARTNER_REQUIRED = 'LEAD_PARTNER_REQUIRED',
  /** France Travail or the Département leads: no partner to name. */
  LEAD_PARTNER_NOT_ALLOWED = 'LEAD_PARTNER_NOT_ALLOWED',
  /** An accepted reorientation names who leads the new accompaniment. */
  LEAD_REQUIRED = 'LEAD_REQUIRED',
  /** IMPORT is written by imports only. */
  SOURCE_NOT_ALLOWED = 'SOURCE_NOT_ALLOWED',
  /** A reorientation, a request and a refusal each need their reason. */
  REASON_REQUIRED = 'REASON_REQUIRED',
  ALREADY_NOTIFIED = 'ALREADY_NOTIFIED',
  /** No orientation to reorient from: the Département decides a first orientation. */
  NO_ORIENTATION = 'NO_ORIENTATION',
  /** The person has no accompaniment in progress that the caller follows. */
  NO_OPEN_ACCOMPANIMENT = 'NO_OPEN_ACCOMPANIMENT',
  /** The proposed track is the current one. */
  SAME_TRACK = 'SAME_TRACK',
  /** A request for this person already waits for the Département's answer. */
  REQUEST_PENDING = 'REQUEST_PENDING',
  /** The request was already answered (accepted, refused) or withdrawn. */
  ALREADY_DECIDED = 'ALREADY_DECIDED',
  /** Only whoever made a request withdraws it. */
  NOT_THE_REQUESTER = 'NOT_THE_REQUESTER',
}

registerEnumType(OrientationLead, { name: 'OrientationLead', description: 'Who leads the accompaniment an orientation gives.' });
registerEnumType(OrientationSource, { name: 'OrientationSource', description: 'Where an orientation decision comes from.' });
registerEnumType(ReorientationStatus, { name: 'ReorientationStatus', description: 'Where a reorientation request stands.' });
registerEnumType(ReorientationDecision, { name: 'ReorientationDecision', description: "The Département's answer to a reorientation request." });
