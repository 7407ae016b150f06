import { describe, expect, it } from 'vitest';
import { formatShortDay } from '#lib/days.ts';
import {
  contractAlertCounts,
  contractAlertsByPerson,
  currentCer,
  parseAlert,
  pathAlertBadge,
  pathSteps,
  peopleWithContractAlert,
  renewalState,
  type ContractAlert,
} from './parcours.ts';

const cerAlert = (beneficiaryId: string, kind: string, daysLeft: number): ContractAlert => ({
  kind,
  daysLeft,
  beneficiaryId,
  contract: { id: `c-${beneficiaryId}`, endsOn: '2026-12-20', renewalOpensOn: '2026-11-21' },
});

describe('alerts of a caseload', () => {
  it('say in French what is late and since when', () => {
    expect(formatShortDay('2026-12-01')).toBe('1er déc. 2026');
    expect(pathAlertBadge({ kind: 'WAITING_FIRST_INTERVIEW', dueOn: '2026-11-12' })).toEqual({ kind: 'WAITING_FIRST_INTERVIEW', text: 'Premier entretien attendu depuis le 12 nov. 2026' });
    expect(pathAlertBadge({ kind: 'MISSED_LAST_APPOINTMENT', dueOn: '2026-11-28' }).text).toBe('Rendez-vous manqué le 28 nov. 2026');
    const byPerson = contractAlertsByPerson([cerAlert('a', 'ENDING_SOON', 19), cerAlert('a', 'RENEWAL_NOT_REQUESTED', 19), cerAlert('b', 'ENDING_SOON', 1), cerAlert('c', 'UNKNOWN', 3)]);
    expect(byPerson.get('a')).toEqual([
      { kind: 'ENDING_SOON', text: 'Fin du CER le 20 déc. 2026 (dans 19 jours)' },
      { kind: 'RENEWAL_NOT_REQUESTED', text: 'Renouvellement du CER à demander depuis le 21 nov. 2026' },
    ]);
    expect(byPerson.get('b')?.[0]?.text).toBe('Fin du CER le 20 déc. 2026 (demain)');
    expect(byPerson.has('c')).toBe(false);
  });

  it('count people (not contracts) per CER alert, and name them for the filter', () => {
    const alerts = [cerAlert('a', 'ENDING_SOON', 3), cerAlert('a', 'ENDING_SOON', 3), cerAlert('b', 'RENEWAL_NOT_REQUESTED', 40), cerAlert('a', 'RENEWAL_NOT_REQUESTED', 3)];
    expect(contractAlertCounts(alerts)).toEqual({ ENDING_SOON: 1, RENEWAL_NOT_REQUESTED: 2 });
    expect(peopleWithContractAlert(alerts, 'RENEWAL_NOT_REQUESTED')).toEqual(['b', 'a']);
    expect(parseAlert('ENDING_SOON')).toBe('ENDING_SOON');
    expect(parseAlert('REVIEW_DUE')).toBe('REVIEW_DUE');
    expect(parseAlert('toString')).toBeNull();
    expect(parseAlert(null)).toBeNull();
  });
});

describe("a person's CER", () => {
  const cer = (startsOn: string, status: string, renewal: { requested?: string; opens?: string } = {}) => ({
    kind: 'CER' as const,
    status: status as 'ACTIVE',
    startsOn,
    renewalRequestedOn: renewal.requested ?? null,
    renewalOpensOn: renewal.opens ?? '2026-11-01',
  });

  it('in force is the latest signed one not ended', () => {
    expect(currentCer([cer('2026-01-01', 'ENDED'), cer('2026-06-01', 'ACTIVE'), cer('2026-07-01', 'CANCELLED')])?.startsOn).toBe('2026-06-01');
    expect(currentCer([cer('2026-01-01', 'DRAFT')])).toBeNull();
    expect(currentCer(null)).toBeNull();
  });

  it('may have its renewal requested from month 5, once', () => {
    expect(renewalState(cer('2026-06-01', 'ACTIVE', { opens: '2026-11-01' }), '2026-11-01')).toBe('open');
    expect(renewalState(cer('2026-06-01', 'ACTIVE', { opens: '2026-11-01' }), '2026-10-31')).toBe('later');
    expect(renewalState(cer('2026-06-01', 'RENEWAL_REQUESTED', { requested: '2026-11-05' }), '2026-11-20')).toBe('requested');
    expect(renewalState(cer('2026-01-01', 'ENDED'), '2026-11-20')).toBeNull();
  });
});

describe("a person's path", () => {
  it('lists every step in date order, in French, with partner names and the CER', () => {
    const none = { appointmentKind: null, appointmentStatus: null, referralId: null, referralStatus: null, exitReason: null, exitSubReason: null };
    const steps = pathSteps(
      [
        {
          id: 'a1',
          status: 'ENDED',
          prescribedOn: '2026-01-05',
          validatedOn: '2026-01-06',
          startedOn: '2026-01-20',
          finalReviewOn: null,
          endedOn: '2026-09-30',
          exitReason: 'FINANCIAL_CHANGE',
          exitSubReason: 'AAH',
          appointments: [],
          referrals: [{ id: 'r1', status: 'DONE', sentOn: '2026-02-01', answeredOn: '2026-02-03', closedOn: '2026-03-01', expiresOn: null, refusalReason: null, note: null, partner: { name: 'CSAPA d’Arras' }, service: { name: 'Consultation addictologie' } }],
          timeline: [
            { ...none, date: '2026-01-05', kind: 'PRESCRIBED' },
            { ...none, date: '2026-01-20', kind: 'STARTED' },
            { ...none, date: '2026-01-20', kind: 'APPOINTMENT', appointmentKind: 'FIRST', appointmentStatus: 'HONOURED' },
            { ...none, date: '2026-02-01', kind: 'REFERRAL', referralId: 'r1', referralStatus: 'SENT' },
            { ...none, date: '2026-03-01', kind: 'REFERRAL', referralId: 'r1', referralStatus: 'DONE' },
            { ...none, date: '2026-09-30', kind: 'EXIT', exitReason: 'FINANCIAL_CHANGE', exitSubReason: 'AAH' },
          ],
        },
      ],
      [{ id: 'c1', kind: 'CER', status: 'ENDED', signedOn: '2026-02-10', startsOn: '2026-02-15', endsOn: '2026-08-14', renewalRequestedOn: '2026-07-20', renewalOpensOn: '2026-07-15', track: null, plannedWeeklyHours: null, reductionReason: null, convertedFromId: null, convertedToId: null }],
    );
    expect(steps.map((s) => `${s.date} ${s.text}`)).toEqual([
      '2026-01-05 Prescription de l’accompagnement',
      '2026-01-20 Début de l’accompagnement (premier entretien tenu)',
      '2026-01-20 Premier entretien — honoré',
      '2026-02-01 Orientation vers CSAPA d’Arras (Consultation addictologie) — envoyée',
      '2026-02-10 CER signé, du 15 févr. 2026 au 14 août 2026',
      '2026-03-01 Orientation vers CSAPA d’Arras (Consultation addictologie) — réalisée',
      '2026-07-20 Renouvellement du CER demandé',
      '2026-09-30 Sortie : Changement de situation financière (Allocation aux adultes handicapés (AAH))',
    ]);
  });
});
