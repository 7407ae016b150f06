import type pg from 'pg';
import { addDays, addMonths } from '../calendar.js';
import { DEMO_AS_OF } from './beneficiaries.seed.js';
import { demoId } from './ids.js';
import { SeededRandom } from './random.js';
import { insertRows } from './sql.js';

/** What the demo's référents commit to in a CER (objective, then the action that serves it). */
const COMMITMENTS: readonly { theme: string; objective: string; action: string; party: string }[] = [
  { theme: 'MENTAL_HEALTH', objective: 'Engager un suivi psychologique régulier', action: 'Prendre un premier rendez-vous au CMP', party: 'BENEFICIARY' },
  { theme: 'HEALTH', objective: 'Retrouver un médecin traitant', action: 'Accompagner la déclaration de médecin traitant', party: 'REFERENT' },
  { theme: 'RIGHTS', objective: 'Ouvrir les droits à la complémentaire santé solidaire', action: 'Constituer le dossier avec la CPAM', party: 'REFERENT' },
  { theme: 'HEALTH', objective: 'Faire un bilan de santé', action: 'Orienter vers le centre d’examens de santé de la CPAM', party: 'PARTNER' },
  { theme: 'ADDICTION', objective: 'Réduire la consommation d’alcool', action: 'Rencontrer l’équipe du CSAPA', party: 'BENEFICIARY' },
  { theme: 'RIGHTS', objective: 'Déposer un dossier MDPH', action: 'Rassembler les certificats médicaux', party: 'BENEFICIARY' },
  { theme: 'SOCIAL_LIFE', objective: 'Rompre l’isolement', action: 'Participer à un atelier collectif', party: 'BENEFICIARY' },
];

/** The loi « plein emploi » is in force: contracts starting from this day are contrats d'engagement. */
const LAW_IN_FORCE = '2025-01-01';
/**
 * The Pas-de-Calais call for projects of 2025 still says CER: in its first half-year, 60 % of the
 * contracts its référents signed are still CER (run to their end, or converted later).
 */
const CER_STILL_SIGNED_UNTIL = { department: '62', before: '2025-07-01', share: 0.6 };

type Track = 'PRO' | 'SOCIO_PRO' | 'SOCIAL';
/** Actions a contrat d'engagement plans on each track: hours a week × weeks (free actions of the demo). */
const ACTIONS: Record<Track, readonly { label: string; hours: number; weeks: number }[]> = {
  PRO: [
    { label: 'Ateliers de recherche d’emploi (France Travail)', hours: 6, weeks: 26 },
    { label: 'Immersion en entreprise (PMSMP)', hours: 35, weeks: 2 },
    { label: 'Formation pré-qualifiante', hours: 20, weeks: 12 },
    { label: 'Entretiens avec le conseiller', hours: 1, weeks: 52 },
  ],
  SOCIO_PRO: [
    { label: 'Chantier d’insertion', hours: 20, weeks: 26 },
    { label: 'Atelier de remobilisation', hours: 6, weeks: 20 },
    { label: 'Cours de français (FLE)', hours: 4, weeks: 30 },
    { label: 'Démarches d’accès aux droits', hours: 2, weeks: 12 },
  ],
  SOCIAL: [
    { label: 'Suivi au CMP', hours: 2, weeks: 52 },
    { label: 'Atelier collectif bien-être', hours: 3, weeks: 20 },
    { label: 'Démarches d’accès aux droits', hours: 2, weeks: 12 },
    { label: 'Soins et rendez-vous médicaux', hours: 3, weeks: 40 },
  ],
};
/** Why hours are reduced, with the justification a référent writes. */
const REDUCTIONS: readonly (readonly [{ reason: string; justification: string }, number])[] = [
  [{ reason: 'HEALTH', justification: 'Soins en cours attestés par le médecin traitant ; activité à reprendre progressivement.' }, 6],
  [{ reason: 'DISABILITY', justification: 'Dossier MDPH en cours ; capacité de travail limitée selon le certificat médical.' }, 2],
  [{ reason: 'CHILDCARE', justification: 'Parent isolé sans solution de garde pour un enfant de moins de 3 ans.' }, 1.5],
  [{ reason: 'CARING', justification: 'Aidant d’un proche dépendant à domicile.' }, 0.5],
];

/** Planned weekly hours as contracts computes them: Σ hours × weeks over the contract's weeks, to the tenth. */
function weeklyHours(actions: readonly { hours: number; weeks: number }[], days: number): number {
  const weeks = Math.max(1, Math.round(days / 7));
  return Math.round((actions.reduce((sum, a) => sum + a.hours * a.weeks, 0) * 10) / weeks) / 10;
}

/** The day before the same day `months` later: a CER signed on 15/01 runs to 14/07. */
const monthsLater = (iso: string, months: number): string => addDays(addMonths(iso, months), -1);

interface Accompaniment {
  id: string;
  department_code: string;
  beneficiary_id: string;
  referent_id: string | null;
  operator_id: string | null;
  territory_id: string | null;
  started_on: string;
  ended_on: string | null;
}

/**
 * The contracts of the demo's accompaniments, as the contracts subgraph's rules make them (ADR
 * 0025): signed three weeks after the first interview; before 2025, CER of 6 months renewed
 * (requested in month 5) while the accompaniment goes on — a CER reaching 2025 runs to its end, or
 * for about a third of them is converted in its second to fifth month; from 2025, contrats
 * d'engagement of 12 months on a track, with 2 or 3 actions (hours a week × weeks) and 15 hours a
 * week or more, unless reduced for a coded reason (health mostly, more often on the social track),
 * and two review days. Two commitments each (an objective and, for a CER, its action).
 * In the Pas-de-Calais, whose 2025 call still says CER, 60 % of the contracts of the first half of
 * 2025 are CER (the demo's accompaniments all start in 2025). Deterministic, derived from the
 * seeded accompaniments.
 */
export async function seedEngagementContracts(client: pg.ClientBase): Promise<{ engagementContracts: number }> {
  const { rows } = await client.query<Accompaniment>(
    `select id, department_code, beneficiary_id, referent_id, operator_id, territory_id, started_on::text, ended_on::text
       from beneficiaries.accompaniment where started_on is not null order by beneficiary_id, started_on, id`,
  );
  const contracts: unknown[][] = [];
  const history: unknown[][] = [];
  const commitments: unknown[][] = [];
  const actions: unknown[][] = [];
  const reviews: unknown[][] = [];
  // One CER at a time per person: a later accompaniment's CER starts after the previous one ends.
  const lastEnd = new Map<string, string>();
  for (const a of rows) {
    const random = new SeededRandom(parseInt(a.id.replaceAll('-', '').slice(0, 8), 16));
    let startsOn = addDays(a.started_on, 14 + random.int(0, 14));
    // Signed on the 28th at the latest: « six months later » is then the same day in every month.
    if (Number(startsOn.slice(8)) > 28) startsOn = addDays(`${startsOn.slice(0, 8)}28`, 4).replace(/-\d\d$/, '-01');
    const busyUntil = lastEnd.get(a.beneficiary_id);
    if (busyUntil && startsOn <= busyUntil) startsOn = addDays(busyUntil, 1);
    if (Number(startsOn.slice(8)) > 28) startsOn = addDays(`${startsOn.slice(0, 8)}28`, 4).replace(/-\d\d$/, '-01');
    let previous: string | null = null;
    let convertedFrom: string | null = null;
    for (let n = 0; startsOn <= DEMO_AS_OF && (a.ended_on === null || startsOn < a.ended_on); n++) {
      const id = demoId(`cer:${a.id}:${n}`);
      const by = a.referent_id ?? 'demo';
      const lateCer: boolean = convertedFrom === null && a.department_code === CER_STILL_SIGNED_UNTIL.department && startsOn < CER_STILL_SIGNED_UNTIL.before && random.chance(CER_STILL_SIGNED_UNTIL.share);
      const engagement: boolean = startsOn >= LAW_IN_FORCE && !lateCer;
      let endsOn = monthsLater(startsOn, engagement ? 12 : 6);
      const renewalOpensOn = monthsLater(startsOn, 5);
      const goesOn = endsOn < DEMO_AS_OF && (a.ended_on === null || endsOn < a.ended_on);
      // A CER reaching 2025 is not renewed as a CER: it runs to its end, or is converted.
      const renewable: boolean = !engagement && addDays(endsOn, 1) < LAW_IN_FORCE;
      // Converted between its second and fifth month (a day after the law's start at the earliest).
      const conversionOn: string | null = !engagement && !renewable && endsOn >= LAW_IN_FORCE && random.chance(0.3) ? addDays(startsOn > LAW_IN_FORCE ? startsOn : LAW_IN_FORCE, random.int(30, 150)) : null;
      const converts: boolean = conversionOn !== null && conversionOn <= endsOn && conversionOn <= DEMO_AS_OF && (a.ended_on === null || conversionOn < a.ended_on);
      let status = 'SIGNED';
      let renewalRequestedOn: string | null = null;
      history.push([a.department_code, id, 'SIGNED', startsOn, by]);
      if (renewable && (goesOn || (renewalOpensOn <= DEMO_AS_OF && (a.ended_on === null || a.ended_on > renewalOpensOn) && random.chance(0.6)))) {
        renewalRequestedOn = addDays(renewalOpensOn, random.int(1, 10));
        if (renewalRequestedOn > DEMO_AS_OF) renewalRequestedOn = DEMO_AS_OF;
        status = 'RENEWAL_REQUESTED';
        history.push([a.department_code, id, status, renewalRequestedOn, by]);
      }
      let next = addDays(endsOn, 1);
      if (converts && conversionOn) {
        endsOn = addDays(conversionOn, -1);
        status = 'ENDED';
        next = conversionOn;
        history.push([a.department_code, id, status, conversionOn, by]);
      } else if (renewable && goesOn) {
        status = 'RENEWED';
        history.push([a.department_code, id, status, next, by]);
      } else if (a.ended_on !== null && a.ended_on <= DEMO_AS_OF && a.ended_on <= endsOn) {
        // The contract ends with the accompaniment.
        status = 'ENDED';
        endsOn = a.ended_on;
        history.push([a.department_code, id, status, endsOn, by]);
      } else if (goesOn) {
        // At its term: a new contrat d'engagement is signed the day after.
        status = 'ENDED';
        history.push([a.department_code, id, status, endsOn, by]);
      }
      lastEnd.set(a.beneficiary_id, endsOn);
      const nextId = converts ? demoId(`cer:${a.id}:${n + 1}`) : null;
      const plan = engagement ? planOf(random, startsOn, monthsLater(startsOn, 12)) : null;
      contracts.push([
        id, a.department_code, a.beneficiary_id, a.id, a.referent_id, a.operator_id, a.territory_id, engagement ? 'CONTRAT_ENGAGEMENT' : 'CER', startsOn, endsOn, status, startsOn, renewalRequestedOn,
        previous, plan?.track ?? null, plan?.hours ?? null, plan?.reduction?.reason ?? null, plan?.reduction?.justification ?? null, convertedFrom, nextId,
      ]);
      plan?.actions.forEach((action, position) => actions.push([demoId(`cer:${a.id}:${n}:action:${position}`), a.department_code, id, position, action.label, action.hours, action.weeks]));
      plan?.reviews.forEach((day) => reviews.push([demoId(`cer:${a.id}:${n}:review:${day}`), a.department_code, id, day]));
      const pick = COMMITMENTS[random.int(0, COMMITMENTS.length - 1)]!;
      const done = status === 'RENEWED' || status === 'ENDED';
      const objectiveStatus = converts ? random.pick(['PLANNED', 'IN_PROGRESS']) : done ? random.pick(['DONE', 'DONE', 'ABANDONED', 'IN_PROGRESS']) : random.pick(['PLANNED', 'IN_PROGRESS', 'IN_PROGRESS', 'DONE']);
      commitments.push([demoId(`cer:${a.id}:${n}:objective`), a.department_code, id, 1, pick.theme, 'OBJECTIVE', 'BENEFICIARY', pick.objective, objectiveStatus]);
      if (!engagement) commitments.push([demoId(`cer:${a.id}:${n}:action`), a.department_code, id, 2, pick.theme, 'ACTION', pick.party, pick.action, objectiveStatus === 'PLANNED' ? 'PLANNED' : 'DONE']);
      // Only a CER that renews the previous one records it; a contrat d'engagement after a CER does not.
      previous = renewable && status === 'RENEWED' ? id : null;
      convertedFrom = converts ? id : null;
      startsOn = next;
    }
  }
  await insertRows(
    client,
    'contracts.engagement_contract',
    [
      'id', 'department_code', 'beneficiary_id', 'accompaniment_id', 'referent_id', 'operator_id', 'territory_id', 'kind', 'starts_on', 'ends_on', 'status', 'signed_on', 'renewal_requested_on', 'renewed_from_id',
      'track', 'planned_weekly_hours', 'reduction_reason', 'reduction_justification', 'converted_from_id', 'converted_to_id',
    ],
    ['uuid', 'text', 'uuid', 'uuid', 'text', 'uuid', 'text', 'text', 'date', 'date', 'text', 'date', 'date', 'uuid', 'text', 'numeric', 'text', 'text', 'uuid', 'uuid'],
    contracts,
  );
  await insertRows(client, 'contracts.contract_status_change', ['department_code', 'contract_id', 'status', 'changed_on', 'changed_by'], ['text', 'uuid', 'text', 'date', 'text'], history);
  await insertRows(
    client,
    'contracts.contract_commitment',
    ['id', 'department_code', 'contract_id', 'position', 'theme', 'kind', 'party', 'description', 'status'],
    ['uuid', 'text', 'uuid', 'smallint', 'text', 'text', 'text', 'text', 'text'],
    commitments,
  );
  await insertRows(client, 'contracts.contract_action', ['id', 'department_code', 'contract_id', 'position', 'label', 'weekly_hours', 'weeks'], ['uuid', 'text', 'uuid', 'smallint', 'text', 'numeric', 'smallint'], actions);
  await insertRows(client, 'contracts.contract_review', ['id', 'department_code', 'contract_id', 'planned_on'], ['uuid', 'text', 'uuid', 'date'], reviews);
  // What beneficiaries would have told contracts at each exit (ADR 0021): no new contract for them.
  await client.query(
    `insert into contracts.closed_accompaniment (accompaniment_id, department_code, beneficiary_id, ended_on, event_id)
     select id, department_code, beneficiary_id, ended_on, md5('closed:' || id::text)::uuid from beneficiaries.accompaniment where ended_on is not null
     on conflict (accompaniment_id) do nothing`,
  );
  return { engagementContracts: contracts.length };
}

/**
 * A contrat d'engagement's plan: a track (the demo's people are mostly on the social track), 2 or
 * 3 of its actions, topped up to 15 hours a week unless the hours are reduced for a reason.
 */
function planOf(random: SeededRandom, startsOn: string, endsOn: string): { track: Track; hours: number; actions: { label: string; hours: number; weeks: number }[]; reduction: { reason: string; justification: string } | null; reviews: string[] } {
  const track = random.weighted<Track>([['SOCIAL', 5], ['SOCIO_PRO', 3.5], ['PRO', 1.5]]);
  const days = Math.round((Date.parse(endsOn) - Date.parse(startsOn)) / 86_400_000) + 1;
  const pool = [...ACTIONS[track]];
  const actions = Array.from({ length: random.int(2, 3) }, () => pool.splice(random.int(0, pool.length - 1), 1)[0]!);
  const reduced = random.chance(track === 'SOCIAL' ? 0.6 : track === 'SOCIO_PRO' ? 0.25 : 0.05);
  if (!reduced && weeklyHours(actions, days) < 15) {
    // What is missing, as personal steps every week of the contract.
    const weeks = Math.max(1, Math.round(days / 7));
    const missing = Math.ceil((15 - weeklyHours(actions, days)) * 10) / 10;
    actions.push({ label: track === 'PRO' ? 'Recherche d’emploi accompagnée' : 'Démarches personnelles accompagnées', hours: Math.min(48, missing + 0.1), weeks });
  }
  const hours = weeklyHours(actions, days);
  return { track, hours, actions, reduction: hours < 15 ? random.weighted(REDUCTIONS) : null, reviews: [monthsLater(startsOn, 4), monthsLater(startsOn, 8)] };
}
