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
