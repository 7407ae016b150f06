import { z } from 'zod';

/**
 * The events subgraphs send each other (ADR 0021), written once here so that the emitter and
 * the receiver agree on their shape.
 */
const uuid = z.string().uuid();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');

/** beneficiaries → contracts: an accompaniment ended (a recorded exit). */
export const ACCOMPANIMENT_CLOSED = 'accompaniment-closed';
export const accompanimentClosedPayload = z.object({
  accompanimentId: uuid,
  beneficiaryId: uuid,
  /** The exit day: the contract in force ends on it, one starting after it is cancelled. */
  endedOn: isoDate,
  /** The exit reason's code (ExitReason). */
  reason: z.string().min(1),
});
export type AccompanimentClosed = z.infer<typeof accompanimentClosedPayload>;

/** funding → contracts: the last day of some conventions and their places in force that day (the balance rule's basis). */
export const CLOSING_PLACES = 'closing-places';
export const closingPlacesPayload = z.object({ conventionIds: z.array(uuid).min(1).max(500) });
export type ClosingPlaces = { conventionId: string; endsOn: string; places: number }[];

/** funding → beneficiaries: the active caseload of some conventions on a day each (their last day), exact. */
export const CLOSING_CASELOAD = 'closing-caseload';
export const closingCaseloadPayload = z.object({ items: z.array(z.object({ conventionId: uuid, date: isoDate })).min(1).max(500) });
export type ClosingCaseloads = { conventionId: string; activeCaseload: number }[];

/**
 * contracts → beneficiaries: a contract was signed (a CER or a contrat d'engagement), so that the
 * legal delay chain and the CONTRACT_DUE alert, computed where the orientations are, know it.
 */
export const CONTRACT_SIGNED = 'contract-signed';
export const contractSignedPayload = z.object({
  contractId: uuid,
  beneficiaryId: uuid,
  accompanimentId: uuid.nullable(),
  /** The contract's kind code (CER, CONTRAT_ENGAGEMENT…). */
  kind: z.string().min(1),
  signedOn: isoDate,
});
export type ContractSigned = z.infer<typeof contractSignedPayload>;

/**
 * contracts → funding: a convention's places and dates as they now are, with its places in each
 * territory it serves (a whole snapshot, sent on every creation and amendment), so that funding
 * prorates its own money by territory without asking contracts on each request (ADR 0028).
 * `revisedAt` orders the snapshots of one convention: an older one arriving late changes nothing.
 */
export const CONVENTION_PLACES = 'convention-places';
export const conventionPlacesPayload = z.object({
  conventionId: uuid,
  places: z.number().int().min(0),
  startsOn: isoDate,
  endsOn: isoDate,
  territories: z.array(z.object({ territoryId: z.string().min(1), places: z.number().int().min(0) })),
  /** When contracts wrote this state (its database clock, ISO 8601 with microseconds). */
  revisedAt: z.string().datetime({ offset: true }),
});
export type ConventionPlaces = z.infer<typeof conventionPlacesPayload>;
