import type pg from 'pg';
import { addDays, addMonths } from '../calendar.js';
import { DEMO_AS_OF } from './beneficiaries.seed.js';
import { demoId, idOf } from './ids.js';
import { SeededRandom } from './random.js';
import { insertRows } from './sql.js';

const ADMIN_62 = idOf.user('admin.62@demo.passerelles.fr');
/** About 40 procedures in the Pas-de-Calais: a few dozen in 17 months, as a Département starting the procedure would have. */
const WANTED = 40;

const KINDS: readonly [string, number][] = [
  ['APPOINTMENT_MISSED', 0.4],
  ['CONTRACT_OBLIGATIONS', 0.25],
  ['CONTRACT_NOT_SIGNED', 0.2],
  ['FRANCE_TRAVAIL_REGISTRATION', 0.1],
  ['OTHER', 0.05],
];
const NOTES: Record<string, string[]> = {
  APPOINTMENT_MISSED: ['Deux rendez-vous manqués sans justificatif', 'Absent au rendez-vous de suivi, relance restée sans réponse'],
  CONTRACT_OBLIGATIONS: ['Actions du contrat non engagées depuis deux mois', 'Heures d’activité prévues non réalisées'],
  CONTRACT_NOT_SIGNED: ['Refus de signer le contrat d’engagement proposé', 'Contrat non élaboré malgré deux propositions de rendez-vous'],
  FRANCE_TRAVAIL_REGISTRATION: ['Radiation de la liste de France Travail signalée'],
  OTHER: ['Manquement signalé par la structure référente'],
};

interface Person {
  id: string;
  household_type: string;
  referent_id: string;
}

const weighted = (random: SeededRandom, items: readonly [string, number][]): string => {
  let r = random.next();
  for (const [item, weight] of items) {
    if ((r -= weight) < 0) return item;
  }
  return items[items.length - 1]![0];
};
const firstOfNextMonth = (day: string): string => addMonths(`${day.slice(0, 7)}-01`, 1);

/**
 * Suspension-remobilisation procedures in the Pas-de-Calais since 1 June 2025 (deterministic):
 * breaches mostly missed appointments and contract obligations, reported by the référent (France
 * Travail for a registration); the person heard 2–5 weeks later (a fifth re-engage at the hearing
 * and get no sanction); suspensions of 30–100 % for people living alone, 30–50 % for households,
 * for 1–2 months from the first of the next month; a little over half lifted on remobilisation (half
 * of them with the amounts withheld paid back), the others ended at their term. A few people breach
 * again within the year: a repeat, suspended 3–4 months. The latest ones still wait for their
 * hearing or decision on DEMO_AS_OF. The synthetic population loader asks the same for any
 * Département, with as many procedures as its size calls for.
 */
export async function seedSanctions(client: pg.ClientBase, { departmentCode = '62', wanted = WANTED }: { departmentCode?: string; wanted?: number } = {}): Promise<{ sanctionProcedures: number }> {
  const { rows } = await client.query<Person>(
    `select b.id, b.household_type, a.referent_id
       from beneficiaries.beneficiary b
       join lateral (select referent_id from beneficiaries.accompaniment a
                      where a.department_code = b.department_code and a.beneficiary_id = b.id and a.referent_id is not null
                      order by a.prescribed_on desc, a.id limit 1) a on true
      where b.department_code = $1
        -- People with a procedure already (the demo's, when the population loader adds people to a seeded Département) are left as they are.
        and not exists (select 1 from beneficiaries.sanction_procedure s where s.department_code = b.department_code and s.beneficiary_id = b.id)
      order by b.id`,
    [departmentCode],
  );
  // The décret of 30 May 2025 applies from 1 June 2025: the first breaches come days after.
  const span = Math.round((Date.parse(DEMO_AS_OF) - Date.parse('2025-06-10')) / 86_400_000);
  const procedures: unknown[][] = [];
  // The demo's administrator decides in the Pas-de-Calais; elsewhere (the synthetic population) an unnamed one.
  const decider = departmentCode === '62' ? ADMIN_62 : 'synthetic-admin';
  const random = new SeededRandom(0x5a9c7105);
  const every = Math.max(1, Math.floor(rows.length / wanted));
  for (const [index, p] of rows.entries()) {
    if (index % every !== 0 || procedures.length >= wanted) continue;
    let breachOn = addDays('2025-06-10', random.int(0, span - 5));
    let previous: { id: string; decidedOn: string } | null = null;
    for (let n = 0; n < 2 && breachOn < DEMO_AS_OF; n += 1) {
      const id = demoId(`sanction:${p.id}:${n}`);
      const kind = weighted(random, KINDS);
      const row = {
        id,
        status: 'BREACH_RECORDED',
        kind,
        breachOn,
        source: kind === 'FRANCE_TRAVAIL_REGISTRATION' ? 'FRANCE_TRAVAIL' : random.chance(0.85) ? 'REFERENT' : 'PARTNER',
        note: random.pick(NOTES[kind]!),
        hearingOn: null as string | null,
        outcome: null as string | null,
        decision: null as string | null,
        rate: null as number | null,
        duration: null as number | null,
        repeatOf: null as string | null,
        decidedOn: null as string | null,
        effectiveOn: null as string | null,
        liftedOn: null as string | null,
        liftReason: null as string | null,
        repaid: null as boolean | null,
        endedOn: null as string | null,
        endReason: null as string | null,
      };
      const hearingOn = addDays(breachOn, random.int(14, 35));
      if (hearingOn <= DEMO_AS_OF) {
        row.status = 'HEARD';
        row.hearingOn = hearingOn;
        row.outcome = weighted(random, [
          ['ORAL_OBSERVATIONS', 0.45],
          ['DID_NOT_ATTEND', 0.25],
          ['REENGAGED', 0.2],
          ['WRITTEN_OBSERVATIONS', 0.1],
        ]);
        const decidedOn = addDays(hearingOn, random.int(5, 20));
        if (decidedOn <= DEMO_AS_OF) {
          row.status = 'DECIDED';
          row.decidedOn = decidedOn;
          const repeat = previous !== null && previous.decidedOn >= addMonths(decidedOn, -12);
          if (row.outcome === 'REENGAGED' && !repeat ? random.chance(0.8) : random.chance(0.1)) {
            row.decision = 'NO_SANCTION';
            row.effectiveOn = decidedOn;
            row.status = 'ENDED';
            row.endedOn = decidedOn;
            row.endReason = 'Pas de sanction : engagement repris à l’audition';
          } else {
            row.decision = 'SUSPENDED';
            row.rate = p.household_type === 'SINGLE' ? random.pick([30, 50, 50, 80, 100]) : random.pick([30, 40, 50, 50]);
            row.duration = repeat ? random.int(3, 4) : random.chance(0.6) ? 1 : 2;
            row.repeatOf = repeat ? previous!.id : null;
            row.effectiveOn = firstOfNextMonth(decidedOn);
            const until = addDays(addMonths(row.effectiveOn, row.duration), -1);
            const liftedOn = addDays(row.effectiveOn, random.int(5, 30 * row.duration));
            if (random.chance(0.55) && liftedOn <= DEMO_AS_OF && liftedOn <= until) {
              row.status = 'LIFTED';
              row.liftedOn = liftedOn;
              row.liftReason = weighted(random, [
                ['CONTRACT_SIGNED', 0.45],
                ['OBLIGATIONS_RESUMED', 0.4],
                ['SITUATION_CHANGED', 0.1],
                ['OTHER', 0.05],
              ]);
              row.repaid = random.chance(0.5);
            } else if (addDays(until, 1) <= DEMO_AS_OF) {
              row.status = 'ENDED';
              row.endedOn = addDays(until, 1);
              row.endReason = 'Suspension arrivée à son terme';
            }
            previous = { id, decidedOn };
          }
        }
      }
      procedures.push([
        id, departmentCode, p.id, row.status, row.kind, row.breachOn, row.source, row.note, p.referent_id, row.breachOn,
        row.hearingOn, row.outcome, row.hearingOn ? p.referent_id : null,
        row.decision, row.rate, row.duration, row.decision ? p.household_type : null, row.repeatOf, row.decidedOn, row.effectiveOn, row.decision ? decider : null,
        row.liftedOn, row.liftReason, row.repaid, row.endedOn, row.endReason, row.liftedOn || row.endedOn ? decider : null,
      ]);
      // About one in six breaches again after the procedure closed.
      const closedOn = row.liftedOn ?? row.endedOn;
      if (!closedOn || !random.chance(0.3)) break;
      breachOn = addDays(closedOn, random.int(20, 120));
    }
  }
  await insertRows(
    client,
    'beneficiaries.sanction_procedure',
    ['id', 'department_code', 'beneficiary_id', 'status', 'breach_kind', 'breach_on', 'breach_source', 'breach_note', 'recorded_by', 'recorded_on',
      'hearing_on', 'hearing_outcome', 'heard_recorded_by',
      'decision', 'rate', 'duration_months', 'household_type', 'repeat_of', 'decided_on', 'effective_on', 'decided_by',
      'lifted_on', 'lift_reason', 'withheld_repaid', 'ended_on', 'end_reason', 'closed_by'],
    ['uuid', 'text', 'uuid', 'text', 'text', 'date', 'text', 'text', 'text', 'date',
      'date', 'text', 'text',
      'text', 'smallint', 'smallint', 'text', 'uuid', 'date', 'date', 'text',
      'date', 'text', 'boolean', 'date', 'text', 'text'],
    procedures,
  );
  return { sanctionProcedures: procedures.length };
}
