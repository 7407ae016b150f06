/**
 * The legal delay chain's definitions, versioned (issue 14, docs/beneficiaries.md « Délais légaux »):
 * a change of official target is a new version, never an edit of an old one, so that figures of a
 * past period keep the targets they were judged on. A period is measured with the latest version
 * in force on its last day.
 */

/** The steps of the chain computed here, each measured from the end of the previous one. */
export enum DelayStep {
  /** Right opened (`beneficiary.rights_opened_on`, else `rsa_entry_date`) → first orientation decided (`orientation.decided_on`). */
  ORIENTATION_DECIDED = 'ORIENTATION_DECIDED',
  /** First orientation decided → notified (`orientation.notified_on`). */
  ORIENTATION_NOTIFIED = 'ORIENTATION_NOTIFIED',
  /**
   * Notified → the first contract (CER or contrat d'engagement) signed on or after the notification
   * (`contract_signature.signed_on`, which contracts tells: ADR 0021). Measured from the notification,
   * as the law counts its month, not from the previous step.
   */
  CONTRACT_SIGNED = 'CONTRACT_SIGNED',
  /** Notified → first interview with the référent (`accompaniment.started_on` of the chain's accompaniment). */
  FIRST_INTERVIEW = 'FIRST_INTERVIEW',
  /** First interview → first partner appointment (the first referral of that accompaniment accepted: `referral.answered_on`). */
  FIRST_PARTNER_APPOINTMENT = 'FIRST_PARTNER_APPOINTMENT',
}
export const delaySteps = Object.values(DelayStep);

/** A legal target: in days, or in calendar months (recorded, not computed here). */
export interface LegalTarget {
  days?: number;
  months?: number;
  /** The text that sets it. */
  source: string;
}

export interface DelayDefinition {
  /** The version id, written on every answer and export. */
  version: string;
  /** What it is, in French (shown on the page and in exports). */
  label: string;
  /** In force for periods ending on or after this day (until the next version). */
  inForceFrom: string;
  /** The chain covers people whose right was opened on or after this day (the law's entry into force). */
  rightsOpenedFrom: string;
  /** Per step, the legal target; steps without one are measured (median, 90th percentile) with no share within target. */
  targets: Partial<Record<DelayStep, LegalTarget>>;
}

/** Every version, oldest first. Never edit a published version: add one. */
export const DELAY_DEFINITIONS: readonly DelayDefinition[] = [
  {
    version: '2025-01',
    label: 'Loi pour le plein emploi (n° 2023-1196), décret n° 2024-1244 du 30 décembre 2024',
    inForceFrom: '2025-01-01',
    rightsOpenedFrom: '2025-01-01',
    targets: {
      [DelayStep.ORIENTATION_DECIDED]: { days: 42, source: 'CASF D.262-65-2 : orientation dans les 6 semaines de l’ouverture du droit' },
      // Recorded in this version from the start; computed since contracts tells beneficiaries of signatures.
      [DelayStep.CONTRACT_SIGNED]: { months: 1, source: 'Loi n° 2023-1196 : contrat d’engagement signé dans le mois de l’orientation notifiée' },
    },
  },
];

/** The version in force for a period ending on `lastDay` (the oldest one before any was in force). */
export function definitionFor(lastDay: string): DelayDefinition {
  return [...DELAY_DEFINITIONS].reverse().find((d) => d.inForceFrom <= lastDay) ?? DELAY_DEFINITIONS[0]!;
}

/** The legal target in days of a step under a definition, or null. */
export const targetDays = (definition: DelayDefinition, step: DelayStep): number | null => definition.targets[step]?.days ?? null;

/** The legal target in calendar months of a step under a definition, or null. */
export const targetMonths = (definition: DelayDefinition, step: DelayStep): number | null => definition.targets[step]?.months ?? null;

/** Alerts of the chain are raised this many days before the deadline (caseload alerts ORIENTATION_DUE and CONTRACT_DUE). */
export const DELAY_ALERT_DAYS_BEFORE = 7;
