// What the Parcours pages show, in French, from the API's typed data: alert badges, the steps of a
// path, the CER in force and whether its renewal may be requested. Pure functions (unit-tested).
import { formatShortDay } from '#lib/days.ts';
import type { BeneficiaryPathQuery, CaseloadAlert, ContractAlertsQuery } from '#lib/graphql/operations.ts';
import {
  APPOINTMENT_KINDS,
  APPOINTMENT_STATUSES,
  CASELOAD_ALERTS,
  CONTRACT_ALERTS,
  CONTRACT_KINDS,
  EXIT_REASONS,
  EXIT_SUB_REASONS,
  labelOf,
  REFERRAL_STATUSES,
} from '#lib/labels.ts';

export type ContractAlertKind = keyof typeof CONTRACT_ALERTS;
/** Every alert of a caseload: those of beneficiaries (the path), then those of contracts (the CER). */
export type AlertKind = CaseloadAlert | ContractAlertKind;

export const ALERT_LABELS: Readonly<Record<AlertKind, string>> = { ...CASELOAD_ALERTS, ...CONTRACT_ALERTS };
export const ALERT_KINDS = Object.keys(ALERT_LABELS) as AlertKind[];

export const isContractAlert = (kind: AlertKind): kind is ContractAlertKind => Object.hasOwn(CONTRACT_ALERTS, kind);

/** The alert named in the URL (`?alerte=`), if it is one. */
export function parseAlert(value: string | null): AlertKind | null {
  return value && Object.hasOwn(ALERT_LABELS, value) ? (value as AlertKind) : null;
}

/** One alert of one person, as a badge: its kind and a French sentence with its day. */
export interface AlertBadge {
  kind: AlertKind;
  text: string;
}

/** A path alert (beneficiaries): the day it refers to says since when. */
export function pathAlertBadge(alert: { kind: CaseloadAlert; dueOn: string }): AlertBadge {
  const day = formatShortDay(alert.dueOn);
  const text = {
    WAITING_FIRST_INTERVIEW: `Premier entretien attendu depuis le ${day}`,
    MISSED_LAST_APPOINTMENT: `Rendez-vous manqué le ${day}`,
    REVIEW_DUE: `Bilan à faire depuis le ${day}`,
    APPOINTMENT_TO_CLOSE: `Rendez-vous du ${day} à clôturer (honoré, manqué ou excusé ?)`,
    REFERRAL_UNANSWERED: `Orientation refusée ou sans réponse le ${day} : orienter de nouveau`,
    ORIENTATION_DUE: `Orientation à décider avant le ${day} (délai légal)`,
    CONTRACT_DUE: `Contrat d’engagement à signer avant le ${day} (délai légal)`,
  }[alert.kind];
  return { kind: alert.kind, text };
}

export type ContractAlert = ContractAlertsQuery['contractAlerts'][number];

const inDays = (days: number): string => (days <= 0 ? 'aujourd’hui' : days === 1 ? 'demain' : `dans ${days} jours`);

/** A CER alert (contracts), or null for a kind this dashboard does not know. */
export function contractAlertBadge(alert: ContractAlert): AlertBadge | null {
  if (alert.kind === 'ENDING_SOON') return { kind: 'ENDING_SOON', text: `Fin du CER le ${formatShortDay(alert.contract.endsOn)} (${inDays(alert.daysLeft)})` };
  if (alert.kind === 'RENEWAL_NOT_REQUESTED') return { kind: 'RENEWAL_NOT_REQUESTED', text: `Renouvellement du CER à demander depuis le ${formatShortDay(alert.contract.renewalOpensOn)}` };
  return null;
}

/** The CER alerts per person. */
export function contractAlertsByPerson(alerts: readonly ContractAlert[]): Map<string, AlertBadge[]> {
  const byPerson = new Map<string, AlertBadge[]>();
  for (const alert of alerts) {
    const badge = contractAlertBadge(alert);
    if (!badge) continue;
    byPerson.set(alert.beneficiaryId, [...(byPerson.get(alert.beneficiaryId) ?? []), badge]);
  }
  return byPerson;
}

/** People per CER alert kind (a person with two CER alerts of one kind counts once). */
export function contractAlertCounts(alerts: readonly ContractAlert[]): Record<ContractAlertKind, number> {
  const people = (kind: ContractAlertKind): number => new Set(alerts.filter((a) => a.kind === kind).map((a) => a.beneficiaryId)).size;
  return { ENDING_SOON: people('ENDING_SOON'), RENEWAL_NOT_REQUESTED: people('RENEWAL_NOT_REQUESTED') };
}

/** The people a CER alert kind names (for the caseload's `among`). */
export function peopleWithContractAlert(alerts: readonly ContractAlert[], kind: ContractAlertKind): string[] {
  return [...new Set(alerts.filter((a) => a.kind === kind).map((a) => a.beneficiaryId))];
}

/** The accompaniment the page is about: the open one, else the latest. */
export function currentAccompaniment<T extends { endedOn: string | null }>(accompaniments: readonly T[]): T | null {
  return accompaniments.find((a) => a.endedOn === null) ?? accompaniments.at(-1) ?? null;
}

const IN_FORCE: readonly string[] = ['SIGNED', 'ACTIVE', 'RENEWAL_REQUESTED'];

/** The person's CER signed and not ended (the latest one when a renewal is signed ahead). */
export function currentCer<T extends { kind: string; status: string; startsOn: string }>(contracts: readonly T[] | null | undefined): T | null {
  const inForce = (contracts ?? []).filter((c) => c.kind === 'CER' && IN_FORCE.includes(c.status));
  return inForce.sort((a, b) => b.startsOn.localeCompare(a.startsOn))[0] ?? null;
}

type Contract = NonNullable<NonNullable<BeneficiaryPathQuery['beneficiary']>['contracts']>[number];

/** Where a contract's renewal stands: requested, open to a request (month 5 reached), not yet open, or out of the question. */
export function renewalState(contract: Pick<Contract, 'kind' | 'status' | 'renewalRequestedOn' | 'renewalOpensOn'>, today: string): 'requested' | 'open' | 'later' | null {
  if (contract.renewalRequestedOn) return 'requested';
  if (contract.kind !== 'CER' || (contract.status !== 'SIGNED' && contract.status !== 'ACTIVE')) return null;
  return contract.renewalOpensOn <= today ? 'open' : 'later';
}

type Accompaniment = NonNullable<BeneficiaryPathQuery['beneficiary']>['accompaniments'][number];
type TimelineEvent = Accompaniment['timeline'][number];

/** One step of a person's path, in French. */
export interface Step {
  date: string;
  text: string;
}

function eventText(event: TimelineEvent, referrals: ReadonlyMap<string, Accompaniment['referrals'][number]>): string {
  switch (event.kind) {
    case 'PRESCRIBED':
      return 'Prescription de l’accompagnement';
    case 'VALIDATED':
      return 'Orientation validée';
    case 'STARTED':
      return 'Début de l’accompagnement (premier entretien tenu)';
    case 'APPOINTMENT':
      return `${labelOf(APPOINTMENT_KINDS, event.appointmentKind)} — ${labelOf(APPOINTMENT_STATUSES, event.appointmentStatus)}`;
    case 'REFERRAL': {
      const referral = event.referralId ? referrals.get(event.referralId) : undefined;
      return `Orientation vers ${referralTarget(referral)} — ${labelOf(REFERRAL_STATUSES, event.referralStatus)}`;
    }
    case 'FINAL_REVIEW':
      return 'Bilan final';
    case 'EXIT': {
      const sub = event.exitSubReason ? ` (${labelOf(EXIT_SUB_REASONS, event.exitSubReason)})` : '';
      return `Sortie : ${labelOf(EXIT_REASONS, event.exitReason)}${sub}`;
    }
  }
}

/** « Croix-Rouge (Accueil santé) », or what is known when partners is unavailable. */
export function referralTarget(referral: { partner?: { name: string } | null; service?: { name: string } | null } | undefined): string {
  if (!referral?.partner) return 'un partenaire (nom momentanément indisponible)';
  return referral.service ? `${referral.partner.name} (${referral.service.name})` : referral.partner.name;
}

/**
 * Every step of a person's path in date order: each accompaniment's timeline (prescription,
 * validation, start, appointments, referrals, final review, exit) and the CER signatures and
 * renewal requests.
 */
export function pathSteps(accompaniments: readonly Accompaniment[], contracts: readonly Contract[] | null | undefined): Step[] {
  const referrals = new Map(accompaniments.flatMap((a) => a.referrals.map((r) => [r.id, r] as const)));
  const steps: Step[] = accompaniments.flatMap((a) => a.timeline.map((event) => ({ date: event.date, text: eventText(event, referrals) })));
  for (const c of contracts ?? []) {
    const kind = labelOf(CONTRACT_KINDS, c.kind);
    if (c.signedOn) steps.push({ date: c.signedOn, text: `${kind} signé, du ${formatShortDay(c.startsOn)} au ${formatShortDay(c.endsOn)}` });
    if (c.renewalRequestedOn) steps.push({ date: c.renewalRequestedOn, text: `Renouvellement du ${kind} demandé` });
  }
  // Stable: the order of the API's timeline is kept within a day.
  return steps.map((step, i) => ({ step, i })).sort((x, y) => x.step.date.localeCompare(y.step.date) || x.i - y.i).map((x) => x.step);
}
