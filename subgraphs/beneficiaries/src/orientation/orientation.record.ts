import type { OrientationLead, OrientationSource, ReorientationStatus } from './orientation.enums.js';

/** One orientation of a person, as the repository reads it. */
export interface OrientationRecord {
  id: string;
  departmentCode: string;
  beneficiaryId: string;
  /** Code of an `orientation_track` (PRO, SOCIO_PRO, SOCIAL). */
  track: string;
  leadKind: OrientationLead;
  leadPartnerId: string | null;
  criteria: string[];
  decidedOn: string;
  notifiedOn: string | null;
  source: OrientationSource;
  recordedBy: string;
  reason: string | null;
  previousOrientationId: string | null;
  requestId: string | null;
}

/** A reorientation request, with the person's territory (for the access rules). */
export interface ReorientationRequestRecord {
  id: string;
  departmentCode: string;
  beneficiaryId: string;
  territoryId: string | null;
  orientationId: string | null;
  proposedTrack: string;
  reason: string;
  status: ReorientationStatus;
  requestedBy: string;
  requestedOn: string;
  decidedBy: string | null;
  decidedOn: string | null;
  decisionReason: string | null;
  resultingOrientationId: string | null;
}

export interface TrackRecord {
  code: string;
  label: string;
  description: string;
  position: number;
}

export interface CriterionRecord {
  code: string;
  category: string;
  label: string;
  position: number;
}
