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
 * The CER of the demo's accompaniments, as the contracts subgraph's rules make them: signed three
 * weeks after the first interview, 6 months each, renewed (requested in month 5) while the
 * accompaniment goes on; the one in force is signed, or its renewal requested when past month 5;
 * two commitments each (an objective and its action). Deterministic, derived from the seeded
 * accompaniments, so that référents see CER, their alerts and the objectives indicator.
 */
export async function seedEngagementContracts(client: pg.ClientBase): Promise<{ engagementContracts: number }> {
  const { rows } = await client.query<Accompaniment>(
    `select id, department_code, beneficiary_id, referent_id, operator_id, territory_id, started_on::text, ended_on::text
       from beneficiaries.accompaniment where started_on is not null order by beneficiary_id, started_on, id`,
  );
  const contracts: unknown[][] = [];
  const history: unknown[][] = [];
  const commitments: unknown[][] = [];
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
    for (let n = 0; startsOn <= DEMO_AS_OF && (a.ended_on === null || startsOn < a.ended_on); n++) {
      const id = demoId(`cer:${a.id}:${n}`);
      let endsOn = monthsLater(startsOn, 6);
      const renewalOpensOn = monthsLater(startsOn, 5);
      const goesOn = endsOn < DEMO_AS_OF && (a.ended_on === null || endsOn < a.ended_on);
      let status = 'SIGNED';
      let renewalRequestedOn: string | null = null;
      const by = a.referent_id ?? 'demo';
      history.push([a.department_code, id, 'SIGNED', startsOn, by]);
      if (goesOn || (renewalOpensOn <= DEMO_AS_OF && (a.ended_on === null || a.ended_on > renewalOpensOn) && random.chance(0.6))) {
        renewalRequestedOn = addDays(renewalOpensOn, random.int(1, 10));
        if (renewalRequestedOn > DEMO_AS_OF) renewalRequestedOn = DEMO_AS_OF;
        status = 'RENEWAL_REQUESTED';
        history.push([a.department_code, id, status, renewalRequestedOn, by]);
      }
      if (goesOn) {
        status = 'RENEWED';
        history.push([a.department_code, id, status, addDays(endsOn, 1), by]);
      } else if (a.ended_on !== null && a.ended_on <= DEMO_AS_OF) {
        // The CER ends with the accompaniment.
        status = 'ENDED';
        if (a.ended_on < endsOn) endsOn = a.ended_on;
        history.push([a.department_code, id, status, endsOn, by]);
      }
      lastEnd.set(a.beneficiary_id, endsOn);
      contracts.push([id, a.department_code, a.beneficiary_id, a.id, a.referent_id, a.operator_id, a.territory_id, 'CER', startsOn, endsOn, status, startsOn, renewalRequestedOn, previous]);
      const pick = COMMITMENTS[random.int(0, COMMITMENTS.length - 1)]!;
      const done = status === 'RENEWED' || status === 'ENDED';
      const objectiveStatus = done ? random.pick(['DONE', 'DONE', 'ABANDONED', 'IN_PROGRESS']) : random.pick(['PLANNED', 'IN_PROGRESS', 'IN_PROGRESS', 'DONE']);
      commitments.push([demoId(`cer:${a.id}:${n}:objective`), a.department_code, id, 1, pick.theme, 'OBJECTIVE', 'BENEFICIARY', pick.objective, objectiveStatus]);
      commitments.push([demoId(`cer:${a.id}:${n}:action`), a.department_code, id, 2, pick.theme, 'ACTION', pick.party, pick.action, objectiveStatus === 'PLANNED' ? 'PLANNED' : 'DONE']);
      previous = id;
      startsOn = addDays(endsOn, 1);
    }
  }
  await insertRows(
    client,
    'contracts.engagement_contract',
    ['id', 'department_code', 'beneficiary_id', 'accompaniment_id', 'referent_id', 'operator_id', 'territory_id', 'kind', 'starts_on', 'ends_on', 'status', 'signed_on', 'renewal_requested_on', 'renewed_from_id'],
    ['uuid', 'text', 'uuid', 'uuid', 'text', 'uuid', 'text', 'text', 'date', 'date', 'text', 'date', 'date', 'uuid'],
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
  // What beneficiaries would have told contracts at each exit (ADR 0021): no new contract for them.
  await client.query(
    `insert into contracts.closed_accompaniment (accompaniment_id, department_code, beneficiary_id, ended_on, event_id)
     select id, department_code, beneficiary_id, ended_on, md5('closed:' || id::text)::uuid from beneficiaries.accompaniment where ended_on is not null
     on conflict (accompaniment_id) do nothing`,
  );
  return { engagementContracts: contracts.length };
}
