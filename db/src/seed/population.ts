import { addDays, daysBetween } from '../calendar.js';
import { demoId } from './ids.js';
import { SeededRandom } from './random.js';

/** A commune a synthetic person may live in, with its territory and weight (population). */
export interface ResidenceCommune {
  communeCode: string;
  territoryId: string;
  population: number;
}

/** A convention people can be accompanied under, with the territories it serves. */
export interface AccompanyingConvention {
  id: string;
  programmeId: string;
  operatorId: string;
  startsOn: string;
  endsOn: string;
  territoryIds: string[];
}

/** A partner's service people may be referred to. */
export interface ReferralTarget {
  partnerId: string;
  serviceId: string;
}

export interface SyntheticBeneficiary {
  id: string;
  departmentCode: string;
  communeCode: string;
  territoryId: string;
  sex: 'F' | 'M';
  birthYear: number;
  householdType: string;
  rsaEntryDate: string;
  orientationKind: string;
  barriers: string[];
  psychologicalDifficulties: string[];
}

export interface SyntheticAccompaniment {
  id: string;
  departmentCode: string;
  beneficiaryId: string;
  programmeId: string;
  operatorId: string;
  conventionId: string;
  territoryId: string;
  referentId: string;
  prescriberId: string;
  prescribedOn: string;
  validatedOn: string | null;
  startedOn: string | null;
  finalReviewOn: string | null;
  endedOn: string | null;
  exitReason: string | null;
  exitSubReason: string | null;
}

export interface SyntheticAppointment {
  id: string;
  departmentCode: string;
  accompanimentId: string;
  beneficiaryId: string;
  kind: string;
  scheduledOn: string;
  status: string;
}

export interface SyntheticReferral {
  id: string;
  departmentCode: string;
  beneficiaryId: string;
  accompanimentId: string;
  serviceId: string;
  partnerId: string;
  status: string;
  sentOn: string;
  answeredOn: string | null;
  closedOn: string | null;
  /** For a refusal: the partner's coded reason. */
  refusalReason: string | null;
}

/** Refusal reasons of the demo, most frequent first (taken in turn: no draw, so the rest of the population does not move). */
const refusalReasons = ['NO_CAPACITY', 'NOT_ELIGIBLE', 'PERSON_DECLINED', 'NO_CAPACITY', 'UNREACHABLE', 'NOT_RELEVANT'] as const;

export interface SyntheticPopulation {
  beneficiaries: SyntheticBeneficiary[];
  accompaniments: SyntheticAccompaniment[];
  appointments: SyntheticAppointment[];
  referrals: SyntheticReferral[];
}

const min = (a: string, b: string): string => (a < b ? a : b);
const max = (a: string, b: string): string => (a > b ? a : b);

/** Sex ratio and seniority in the RSA of Pas-de-Calais (DOMAIN.md): 57 % women, 54 % more than 5 years. */
export const SHARE_WOMEN = 0.57;
export const SHARE_OVER_FIVE_YEARS = 0.54;
/** People on the RSA in Pas-de-Calais (DOMAIN.md): the real scale of the synthetic population. */
export const PAS_DE_CALAIS_SIZE = 52_700;
const households = [
  ['SINGLE', 45],
  ['SINGLE_PARENT', 27],
  ['COUPLE', 8],
  ['COUPLE_WITH_CHILDREN', 15],
  ['OTHER', 5],
] as const;
const orientations = [
  ['SOCIAL', 55],
  ['SOCIO_PRO', 35],
  ['PRO', 10],
] as const;
const exitReasons = [
  ['STABILISATION', 30],
  ['EVOLUTION', 25],
  ['FINANCIAL_CHANGE', 10],
  ['DYNAMIC_EXIT', 12],
  ['REORIENTATION', 10],
  ['DROPPED_OUT', 8],
  ['MOVED', 3],
  ['OTHER', 2],
] as const;
const financialSubReasons = [
  ['AAH', 40],
  ['UNEMPLOYMENT_BENEFIT', 25],
  ['INVALIDITY_PENSION', 15],
  ['DAILY_ALLOWANCE', 12],
  ['RETIREMENT_ASPA', 8],
] as const;
const difficulties = [
  ['ANXIETY', 30],
  ['DEPRESSION', 28],
  ['SOCIAL_ISOLATION', 20],
  ['ADDICTION', 14],
  ['TRAUMA', 10],
  ['PSYCHOTIC_DISORDER', 5],
  ['COGNITIVE_DISORDER', 5],
  ['OTHER', 4],
] as const;
const barrierShares = [
  ['HEALTH', 0.4],
  ['MENTAL_HEALTH', 0.3],
  ['MOBILITY', 0.35],
  ['HOUSING', 0.2],
  ['DIGITAL', 0.25],
  ['FINANCIAL', 0.3],
  ['ADDICTION', 0.08],
  ['LANGUAGE', 0.05],
] as const;

/**
 * Generates a deterministic synthetic population of one Département: people placed in communes in
 * proportion to their population, with the sex ratio and RSA seniority of Pas-de-Calais, household
 * types, barriers and psychological difficulties; for a share of them, accompaniments under a
 * convention serving their territory over the `historyDays` before `asOf` (prescription, validation,
 * first interview, intermediate interviews, final review, exit with its reason), their appointments
 * (honoured, missed, excused; planned when in the future) and referrals to partners. Every date
 * follows the life-cycle rules of the beneficiaries subgraph.
 */
export function generatePopulation(options: {
  departmentCode: string;
  size: number;
  seed: number;
  asOf: string;
  communes: ResidenceCommune[];
  conventions: AccompanyingConvention[];
  shareAccompanied: number;
  /** How far back accompaniments go (default: within each convention's own period). */
  historyDays?: number;
  referralTargets?: ReferralTarget[];
}): SyntheticPopulation {
  const random = new SeededRandom(options.seed);
  const weights = options.communes.map((c) => [c, Math.max(c.population, 1)] as const);
  const population: SyntheticPopulation = { beneficiaries: [], accompaniments: [], appointments: [], referrals: [] };
  const asOfYear = Number(options.asOf.slice(0, 4));
  const department = options.departmentCode;
  const servingByTerritory = new Map<string, AccompanyingConvention[]>();
  for (const c of options.communes) {
    if (!servingByTerritory.has(c.territoryId)) {
      servingByTerritory.set(c.territoryId, options.conventions.filter((k) => k.territoryIds.includes(c.territoryId) && k.startsOn <= options.asOf));
    }
  }
  const targets = options.referralTargets ?? [];

  for (let i = 0; i < options.size; i++) {
    const commune = random.weighted(weights);
    const overFive = random.chance(SHARE_OVER_FIVE_YEARS);
    const entry = overFive ? addDays(options.asOf, -random.int(5 * 365 + 1, 18 * 365)) : addDays(options.asOf, -random.int(30, 5 * 365));
    const householdType = random.weighted(households);
    const personDifficulties = new Set<string>();
    if (random.chance(0.45)) {
      const n = random.int(1, 3);
      for (let k = 0; k < n; k++) personDifficulties.add(random.weighted(difficulties));
    }
    const personBarriers = barrierShares.filter(([, share]) => random.chance(share)).map(([b]) => b as string);
    if ((householdType === 'SINGLE_PARENT' || householdType === 'COUPLE_WITH_CHILDREN') && random.chance(0.4)) personBarriers.push('CHILDCARE');
    const beneficiary: SyntheticBeneficiary = {
      id: demoId(`beneficiary:${department}:${options.seed}:${i}`),
      departmentCode: department,
      communeCode: commune.communeCode,
      territoryId: commune.territoryId,
      sex: random.chance(SHARE_WOMEN) ? 'F' : 'M',
      birthYear: asOfYear - random.int(25, 64),
      householdType,
      rsaEntryDate: entry,
      orientationKind: random.weighted(orientations),
      barriers: personBarriers.sort(),
      psychologicalDifficulties: [...personDifficulties].sort(),
    };
    population.beneficiaries.push(beneficiary);

    const serving = servingByTerritory.get(commune.territoryId) ?? [];
    if (serving.length === 0 || !random.chance(options.shareAccompanied)) continue;
    const convention = random.pick(serving);
    const firstDay = options.historyDays ? max(convention.startsOn, addDays(options.asOf, -options.historyDays)) : convention.startsOn;
    const lastDay = min(convention.endsOn, options.asOf);
    let prescribedOn = addDays(firstDay, random.int(0, Math.max(daysBetween(firstDay, lastDay) - 7, 0)));
    // A quarter of those whose first accompaniment ended are prescribed a second one later.
    for (let n = 0; n < 2 && prescribedOn <= lastDay; n++) {
      const ended = generatePath(random, population, { department, beneficiary, convention, prescribedOn, lastDay, asOf: options.asOf, index: n, targets });
      if (!ended || !random.chance(0.25)) break;
      prescribedOn = addDays(ended, random.int(20, 120));
    }
  }
  return population;
}

/** One accompaniment with its appointments and referrals; returns its exit day, if it ended. */
function generatePath(
  random: SeededRandom,
  population: SyntheticPopulation,
  o: { department: string; beneficiary: SyntheticBeneficiary; convention: AccompanyingConvention; prescribedOn: string; lastDay: string; asOf: string; index: number; targets: ReferralTarget[] },
): string | null {
  const { department, beneficiary, convention, prescribedOn, lastDay } = o;
  const id = demoId(`accompaniment:${beneficiary.id}${o.index ? `:${o.index}` : ''}`);
  const validated = addDays(prescribedOn, random.int(0, 14));
  const validatedOn = validated <= lastDay ? validated : null;
  // « Orientés en moins de 30 jours »: about 70 % start within 30 days of the prescription; 6 % never start.
  const delay = random.chance(0.7) ? random.int(3, 29) : random.int(30, 80);
  const started = validatedOn && !random.chance(0.06) ? max(addDays(prescribedOn, delay), validatedOn) : null;
  const startedOn = started && started <= lastDay ? started : null;
  let endedOn: string | null = null;
  let finalReviewOn: string | null = null;
  let exitReason: string | null = null;
  let exitSubReason: string | null = null;
  if (startedOn) {
    const end = addDays(startedOn, random.int(60, 540));
    if (end <= lastDay) {
      endedOn = end;
      exitReason = random.weighted(exitReasons);
      if (exitReason === 'FINANCIAL_CHANGE') exitSubReason = random.weighted(financialSubReasons);
      if (exitReason !== 'DROPPED_OUT' && exitReason !== 'MOVED' && exitReason !== 'DECEASED' && random.chance(0.8)) {
        finalReviewOn = max(addDays(end, -random.int(0, 14)), startedOn);
      }
    }
  }
  population.accompaniments.push({
    id,
    departmentCode: department,
    beneficiaryId: beneficiary.id,
    programmeId: convention.programmeId,
    operatorId: convention.operatorId,
    conventionId: convention.id,
    territoryId: beneficiary.territoryId,
    referentId: `demo-referent:${beneficiary.territoryId}:${random.int(1, 8)}`,
    prescriberId: `demo-prescriber:${beneficiary.territoryId}:${random.int(1, 12)}`,
    prescribedOn,
    validatedOn,
    startedOn,
    finalReviewOn,
    endedOn,
    exitReason,
    exitSubReason,
  });

  let n = 0;
  const appointment = (kind: string, scheduledOn: string, status: string): void => {
    population.appointments.push({ id: demoId(`appointment:${id}:${n++}`), departmentCode: department, accompanimentId: id, beneficiaryId: beneficiary.id, kind, scheduledOn, status });
  };
  // Planned only when still to come on the demo's day; after its convention's end (no draw, so that
  // the rest of the population does not move), the référent recorded it held.
  const held = (day: string): string => (day > lastDay ? (day > o.asOf ? 'PLANNED' : 'HONOURED') : random.weighted([['HONOURED', 76], ['MISSED', 14], ['EXCUSED', 10]] as const));
  if (validatedOn && !startedOn) {
    // Waiting for the first interview: one planned (or missed) appointment.
    const day = addDays(validatedOn, random.int(3, 40));
    appointment('FIRST', day, day > lastDay ? 'PLANNED' : 'MISSED');
  }
  if (startedOn && validatedOn) {
    if (random.chance(0.15) && addDays(startedOn, -7) >= validatedOn) appointment('FIRST', addDays(startedOn, -7), 'MISSED');
    appointment('FIRST', startedOn, 'HONOURED');
    const until = endedOn ?? addDays(lastDay, 45);
    for (let day = addDays(startedOn, random.int(20, 45)); day < (finalReviewOn ?? until); day = addDays(day, random.int(20, 45))) {
      appointment(random.chance(0.08) ? 'COLLECTIVE_SESSION' : 'INTERMEDIATE', day, held(day));
    }
    if (finalReviewOn) appointment('FINAL_REVIEW', finalReviewOn, 'HONOURED');

    const referrals = o.targets.length ? random.weighted([[0, 40], [1, 35], [2, 18], [3, 7]] as const) : 0;
    const activeUntil = endedOn ?? lastDay;
    for (let k = 0; k < referrals; k++) {
      const target = random.pick(o.targets);
      const sentOn = addDays(startedOn, random.int(0, Math.max(daysBetween(startedOn, activeUntil), 0)));
      let status = 'SENT';
      let answeredOn: string | null = null;
      let closedOn: string | null = null;
      const answer = addDays(sentOn, random.int(2, 20));
      if (answer <= lastDay) {
        status = random.weighted([['ACCEPTED', 70], ['REFUSED', 12], ['SENT', 18]] as const);
        if (status !== 'SENT') answeredOn = answer;
        const close = addDays(answer, random.int(5, 60));
        if (status === 'ACCEPTED' && close <= lastDay) {
          status = random.weighted([['DONE', 70], ['NO_SHOW', 15], ['ACCEPTED', 15]] as const);
          if (status !== 'ACCEPTED') closedOn = close;
        }
      }
      // One open referral per person and service: a second pick of a service still waiting or accepted is not sent.
      const open = (r: SyntheticReferral): boolean => r.status === 'ACCEPTED' || (r.status === 'SENT' && addDays(r.sentOn, 30) >= lastDay);
      // This accompaniment's referrals are the last ones pushed: scan back only over them (linear in the population, same result).
      let taken = false;
      for (let j = population.referrals.length - 1; j >= 0 && population.referrals[j]!.accompanimentId === id && !taken; j--) {
        const r = population.referrals[j]!;
        taken = r.serviceId === target.serviceId && open(r);
      }
      if (taken) continue;
      population.referrals.push({
        refusalReason: status === 'REFUSED' ? refusalReasons[(population.referrals.length + k) % refusalReasons.length]! : null,
        id: demoId(`referral:${id}:${k}`),
        departmentCode: department,
        beneficiaryId: beneficiary.id,
        accompanimentId: id,
        serviceId: target.serviceId,
        partnerId: target.partnerId,
        status,
        sentOn,
        answeredOn,
        closedOn,
      });
    }
  }
  return endedOn;
}
