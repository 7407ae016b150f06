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
}

export interface SyntheticAccompaniment {
  id: string;
  departmentCode: string;
  beneficiaryId: string;
  programmeId: string;
  operatorId: string;
  conventionId: string;
  territoryId: string;
  prescribedOn: string;
  startedOn: string | null;
  endedOn: string | null;
  exitReason: string | null;
}

const DAY = 86_400_000;
const addDays = (iso: string, days: number): string => new Date(Date.parse(iso) + days * DAY).toISOString().slice(0, 10);
const daysBetween = (a: string, b: string): number => Math.round((Date.parse(b) - Date.parse(a)) / DAY);

/** Sex ratio and seniority in the RSA of Pas-de-Calais (DOMAIN.md): 57 % women, 54 % more than 5 years. */
export const SHARE_WOMEN = 0.57;
export const SHARE_OVER_FIVE_YEARS = 0.54;
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

/**
 * Generates a deterministic synthetic population of one Département: people placed in communes in
 * proportion to their population, and, for a share of them, an accompaniment under a convention
 * serving their territory, with dates in order and exits as of `asOf`.
 */
export function generatePopulation(options: {
  departmentCode: string;
  size: number;
  seed: number;
  asOf: string;
  communes: ResidenceCommune[];
  conventions: AccompanyingConvention[];
  shareAccompanied: number;
}): { beneficiaries: SyntheticBeneficiary[]; accompaniments: SyntheticAccompaniment[] } {
  const random = new SeededRandom(options.seed);
  const weights = options.communes.map((c) => [c, Math.max(c.population, 1)] as const);
  const beneficiaries: SyntheticBeneficiary[] = [];
  const accompaniments: SyntheticAccompaniment[] = [];
  const asOfYear = Number(options.asOf.slice(0, 4));
  for (let i = 0; i < options.size; i++) {
    const commune = random.weighted(weights);
    const overFive = random.chance(SHARE_OVER_FIVE_YEARS);
    const entry = overFive ? addDays(options.asOf, -random.int(5 * 365 + 1, 18 * 365)) : addDays(options.asOf, -random.int(30, 5 * 365));
    const beneficiary: SyntheticBeneficiary = {
      id: demoId(`beneficiary:${options.departmentCode}:${options.seed}:${i}`),
      departmentCode: options.departmentCode,
      communeCode: commune.communeCode,
      territoryId: commune.territoryId,
      sex: random.chance(SHARE_WOMEN) ? 'F' : 'M',
      birthYear: asOfYear - random.int(25, 64),
      householdType: random.weighted(households),
      rsaEntryDate: entry,
      orientationKind: random.weighted(orientations),
    };
    beneficiaries.push(beneficiary);

    const serving = options.conventions.filter((c) => c.territoryIds.includes(commune.territoryId) && c.startsOn <= options.asOf);
    if (serving.length === 0 || !random.chance(options.shareAccompanied)) continue;
    const convention = random.pick(serving);
    const lastDay = convention.endsOn < options.asOf ? convention.endsOn : options.asOf;
    const prescribedOn = addDays(convention.startsOn, random.int(0, Math.max(daysBetween(convention.startsOn, lastDay) - 7, 0)));
    const started = addDays(prescribedOn, random.int(3, 50));
    const startedOn = started <= lastDay ? started : null;
    let endedOn: string | null = null;
    let exitReason: string | null = null;
    if (startedOn && random.chance(0.4)) {
      const ended = addDays(startedOn, random.int(45, 330));
      if (ended <= lastDay) {
        endedOn = ended;
        exitReason = random.weighted(exitReasons);
      }
    }
    accompaniments.push({
      id: demoId(`accompaniment:${beneficiary.id}`),
      departmentCode: options.departmentCode,
      beneficiaryId: beneficiary.id,
      programmeId: convention.programmeId,
      operatorId: convention.operatorId,
      conventionId: convention.id,
      territoryId: commune.territoryId,
      prescribedOn,
      startedOn,
      endedOn,
      exitReason,
    });
  }
  return { beneficiaries, accompaniments };
}
