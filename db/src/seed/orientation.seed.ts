import type pg from 'pg';
import { addDays } from '../calendar.js';
import { DEMO_AS_OF } from './beneficiaries.seed.js';
import { demoId, idOf } from './ids.js';
import { SeededRandom } from './random.js';
import { insertRows } from './sql.js';

/** Who records the Département's decisions in the demo. */
const ADMINS: Record<string, string> = { '62': idOf.user('admin.62@demo.passerelles.fr'), '25': idOf.user('admin.25@demo.passerelles.fr') };
const DEMO_REFERENT = idOf.user('referent.62@demo.passerelles.fr');
const DEMO_OPERATOR = idOf.partner('croix-rouge-62');
/** Orientations decided before the loi pour le plein emploi came into force came from the previous tool. */
const LAW_IN_FORCE = '2025-01-01';

/** The criteria a person's barriers point to (codes of `beneficiaries.orientation_criterion`). */
const CRITERION_OF_BARRIER: Record<string, string> = {
  HEALTH: 'HEALTH',
  MENTAL_HEALTH: 'HEALTH',
  ADDICTION: 'HEALTH',
  HOUSING: 'HOUSING',
  MOBILITY: 'MOBILITY',
  CHILDCARE: 'CHILDCARE',
  LANGUAGE: 'LANGUAGE',
  DIGITAL: 'DIGITAL',
};
const CRITERIA_OF_TRACK: Record<string, string[]> = {
  SOCIAL: ['HEALTH', 'HOUSING', 'CARER'],
  SOCIO_PRO: ['QUALIFICATION', 'MOBILITY', 'ASPIRATIONS'],
  PRO: ['EMPLOYMENT_SITUATION', 'PROFESSIONAL_EXPERIENCE', 'ASPIRATIONS'],
};

/** Why a référent asks to move a person to a track (synthetic, in the words of the field). */
const REASONS_TO: Record<string, string[]> = {
  SOCIAL: ['Problèmes de santé qui empêchent pour l’instant toute recherche d’emploi', 'Perte du logement : la priorité est l’hébergement', 'Hospitalisation longue : remobilisation à prévoir au retour'],
  SOCIO_PRO: ['Soins en place et suivis : projet de formation à construire', 'Santé stabilisée, souhaite reprendre un projet professionnel', 'Logement retrouvé : la personne peut travailler un projet'],
  PRO: ['Projet professionnel défini, disponible pour un emploi', 'Formation qualifiante terminée : prête pour un retour à l’emploi'],
};
const REFUSALS = ['Soins à poursuivre avant un changement de parcours', 'Situation à revoir au prochain bilan', 'L’accompagnement en cours répond encore aux besoins'];

interface Person {
  id: string;
  department_code: string;
  orientation_kind: string;
  rsa_entry_date: string;
  barriers: string[];
  referent_id: string | null;
  operator_id: string | null;
  open: boolean;
}

/**
 * Each synthetic person's orientation history, derived from the seeded people (deterministic):
 * the current orientation is their `orientation_kind` (mostly social and socio-professional in this
 * health programme), decided a few weeks after entering the RSA and notified days later; about one
 * in six was first oriented to another track, then reoriented on their référent's request
 * (accepted, with its reason); some requests were refused; three wait for the Pas-de-Calais'
 * decision today, two of them from the demo référent about people the demo operator accompanies.
 * One in ten people has no orientation recorded yet. Everything is dated before DEMO_AS_OF.
 * `departmentCode` limits it to one Département (the synthetic population loader, one at a time).
 */
export async function seedOrientations(client: pg.ClientBase, departmentCode: string | null = null): Promise<{ orientations: number; reorientationRequests: number }> {
  const { rows } = await client.query<Person>(
    `select b.id, b.department_code, b.orientation_kind, b.rsa_entry_date::text, b.barriers,
            a.referent_id, a.operator_id::text, (a.id is not null and a.ended_on is null) as open
       from beneficiaries.beneficiary b
       left join lateral (select referent_id, operator_id, id, ended_on from beneficiaries.accompaniment a
                           where a.department_code = b.department_code and a.beneficiary_id = b.id order by a.prescribed_on desc, a.id limit 1) a on true
      where ($1::text is null or b.department_code = $1)
        -- People with an orientation already (the demo's, when the population loader adds people to a seeded Département) keep theirs.
        and not exists (select 1 from beneficiaries.orientation o where o.department_code = b.department_code and o.beneficiary_id = b.id)
      order by b.department_code, b.id`,
    [departmentCode],
  );
  const orientations: unknown[][] = [];
  const requests: unknown[][] = [];
  const pending = new Map<string, number>();
  for (const p of rows) {
    const random = new SeededRandom(parseInt(p.id.replaceAll('-', '').slice(0, 8), 16));
    if (random.chance(0.1)) continue;
    const admin = ADMINS[p.department_code] ?? 'demo';
    const requester = p.referent_id ?? admin;
    const criteriaFor = (track: string): string[] => {
      const fromBarriers = p.barriers.map((b) => CRITERION_OF_BARRIER[b]).filter((c): c is string => c !== undefined);
      const picked = new Set([...fromBarriers.slice(0, 2), random.pick(CRITERIA_OF_TRACK[track]!)]);
      return [...picked];
    };
    const leadFor = (track: string): [string, string | null] => {
      if (track === 'PRO') return ['FRANCE_TRAVAIL', null];
      if (p.operator_id && random.chance(track === 'SOCIAL' ? 0.6 : 0.4)) return ['PARTNER', p.operator_id];
      return [track === 'SOCIO_PRO' && random.chance(0.3) ? 'FRANCE_TRAVAIL' : 'DEPARTMENT', null];
    };
    const sourceOn = (day: string): string => (day < LAW_IN_FORCE ? 'IMPORT' : random.chance(0.15) ? 'FRANCE_TRAVAIL' : 'DEPARTMENT');
    const write = (n: number, track: string, decidedOn: string, previous: string | null, reason: string | null, requestId: string | null): string => {
      const id = demoId(`orientation:${p.id}:${n}`);
      const [leadKind, leadPartnerId] = leadFor(track);
      const notifiedOn = addDays(decidedOn, random.int(2, 15));
      const source = requestId ? 'DEPARTMENT' : sourceOn(decidedOn);
      orientations.push([id, p.department_code, p.id, track, leadKind, leadPartnerId, `{${criteriaFor(track).join(',')}}`, decidedOn, notifiedOn < DEMO_AS_OF ? notifiedOn : null, source, source === 'IMPORT' ? 'import' : admin, reason, previous, requestId]);
      return id;
    };

    const current = p.orientation_kind;
    let decidedOn = addDays(p.rsa_entry_date, random.int(14, 45));
    if (decidedOn >= DEMO_AS_OF) decidedOn = addDays(DEMO_AS_OF, -random.int(1, 5));
    // About one in six was first oriented elsewhere, then reoriented on request (once refused, sometimes).
    const refusedFirst = random.chance(0.25);
    const askedOn = addDays(decidedOn, random.int(90, 150));
    const refusedOn = addDays(askedOn, random.int(7, 20));
    const acceptedAskOn = refusedFirst ? addDays(refusedOn, random.int(60, 120)) : askedOn;
    const acceptedOn = addDays(acceptedAskOn, random.int(7, 25));
    let previous: string;
    let currentSince = decidedOn;
    if (random.chance(0.17) && acceptedOn < DEMO_AS_OF) {
      const first = random.pick(['SOCIAL', 'SOCIO_PRO', 'PRO'].filter((t) => t !== current));
      const firstId = write(0, first, decidedOn, null, null, null);
      if (refusedFirst) {
        requests.push([demoId(`reorientation:${p.id}:refused`), p.department_code, p.id, firstId, current, random.pick(REASONS_TO[current]!), 'REFUSED', requester, askedOn, admin, refusedOn, random.pick(REFUSALS), null]);
      }
      const requestId = demoId(`reorientation:${p.id}:accepted`);
      const reason = random.pick(REASONS_TO[current]!);
      previous = write(1, current, acceptedOn, firstId, reason, requestId);
      requests.push([requestId, p.department_code, p.id, firstId, current, reason, 'ACCEPTED', requester, acceptedAskOn, admin, acceptedOn, null, previous]);
      currentSince = acceptedOn;
    } else {
      previous = write(0, current, decidedOn, null, null, null);
    }

    // Requests waiting today: in the Pas-de-Calais, on people in an accompaniment in progress.
    const key = p.referent_id === DEMO_REFERENT && p.operator_id === DEMO_OPERATOR ? 'demo' : 'other';
    const wanted = key === 'demo' ? 2 : 1;
    if (p.department_code === '62' && p.open && p.referent_id && (pending.get(key) ?? 0) < wanted && currentSince < addDays(DEMO_AS_OF, -60) && (key === 'demo' || random.chance(0.5))) {
      pending.set(key, (pending.get(key) ?? 0) + 1);
      const track = current === 'SOCIAL' ? 'SOCIO_PRO' : 'SOCIAL';
      requests.push([demoId(`reorientation:${p.id}:waiting`), p.department_code, p.id, previous, track, random.pick(REASONS_TO[track]!), 'REQUESTED', p.referent_id, addDays(DEMO_AS_OF, -random.int(2, 20)), null, null, null, null]);
    }
  }
  // Orientations first without their requests (the two tables point at each other), then the requests, then the links.
  if (orientations.length) {
    const column = (i: number): unknown[] => orientations.map((o) => o[i]);
    await client.query(
      `insert into beneficiaries.orientation (id, department_code, beneficiary_id, track, lead_kind, lead_partner_id, criteria, decided_on, notified_on, source, recorded_by, reason, previous_orientation_id)
       select id, department_code, beneficiary_id, track, lead_kind, lead_partner_id, criteria::text[], decided_on, notified_on, source, recorded_by, reason, previous_orientation_id
         from unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::uuid[], $7::text[], $8::date[], $9::date[], $10::text[], $11::text[], $12::text[], $13::uuid[])
           as t(id, department_code, beneficiary_id, track, lead_kind, lead_partner_id, criteria, decided_on, notified_on, source, recorded_by, reason, previous_orientation_id)`,
      Array.from({ length: 13 }, (_, i) => column(i)),
    );
  }
  await insertRows(
    client,
    'beneficiaries.reorientation_request',
    ['id', 'department_code', 'beneficiary_id', 'orientation_id', 'proposed_track', 'reason', 'status', 'requested_by', 'requested_on', 'decided_by', 'decided_on', 'decision_reason', 'resulting_orientation_id'],
    ['uuid', 'text', 'uuid', 'uuid', 'text', 'text', 'text', 'text', 'date', 'text', 'date', 'text', 'uuid'],
    requests,
  );
  const linked = orientations.filter((o) => o[13] !== null);
  if (linked.length) {
    await client.query(`update beneficiaries.orientation o set request_id = l.request_id from unnest($1::uuid[], $2::uuid[]) as l(id, request_id) where o.id = l.id`, [
      linked.map((o) => o[0]),
      linked.map((o) => o[13]),
    ]);
  }
  return { orientations: orientations.length, reorientationRequests: requests.length };
}
