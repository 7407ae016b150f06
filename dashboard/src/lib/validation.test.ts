import { describe, expect, it } from 'vitest';
import {
  addMonths,
  defaultCerEnd,
  formValues,
  readAppointment,
  readAttendance,
  readDate,
  readEngagementContract,
  readExit,
  readRequired,
  refusalOf,
  type FieldErrors,
} from './validation';

const form = (fields: Record<string, string>): FormData => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

describe('form validation in French', () => {
  it('names a missing, invalid or future date', () => {
    const errors: FieldErrors = {};
    readDate(form({}), 'on', 'la date de sortie', errors);
    expect(errors).toEqual({ on: 'Indiquez la date de sortie.' });
    readDate(form({ on: '2025-02-30' }), 'on', 'la date de sortie', errors);
    expect(errors['on']).toBe('La date de sortie n’est pas une date valide (JJ/MM/AAAA).');
    readDate(form({ on: '2025-07-02' }), 'on', 'la date de sortie', errors, { notFuture: true, today: '2025-07-01' });
    expect(errors['on']).toBe('La date de sortie ne peut pas être dans le futur.');
    const ok: FieldErrors = {};
    expect(readDate(form({ on: '2025-07-01' }), 'on', 'la date de sortie', ok, { notFuture: true, today: '2025-07-01' })).toBe('2025-07-01');
    expect(ok).toEqual({});
  });

  it('requires a choice', () => {
    const errors: FieldErrors = {};
    readRequired(form({ reason: '  ' }), 'reason', 'Choisissez le motif de sortie.', errors);
    expect(errors).toEqual({ reason: 'Choisissez le motif de sortie.' });
  });

  it('keeps the values typed, to show them again', () => {
    expect(formValues(form({ on: '2025-01-01', reason: 'MOVED' }), ['on', 'reason', 'subReason'])).toEqual({ on: '2025-01-01', reason: 'MOVED', subReason: '' });
  });
});

describe('a signed CER', () => {
  it('lasts 6 months by default, as the contracts subgraph counts them', () => {
    expect(defaultCerEnd('2025-01-15')).toBe('2025-07-14');
    expect(defaultCerEnd('2025-09-01')).toBe('2026-02-28');
    expect(defaultCerEnd('2025-08-31')).toBe('2026-02-27');
    expect(addMonths('2024-08-31', 6)).toBe('2025-02-28');
    expect(defaultCerEnd('not a date')).toBe('');
    const { errors, endsOn } = readEngagementContract(form({ signedOn: '2025-01-10', startsOn: '2025-01-15', endsOn: '' }), '2025-03-01');
    expect(errors).toEqual({});
    expect(endsOn).toBe('2025-07-14');
  });

  it('ends after it starts, is signed by today and on or before its end', () => {
    expect(readEngagementContract(form({ signedOn: '2025-01-10', startsOn: '2025-02-01', endsOn: '2025-01-31' }), '2025-03-01').errors).toEqual({
      endsOn: 'La date de fin doit être après la date de début.',
    });
    expect(readEngagementContract(form({ signedOn: '2025-03-02', startsOn: '2025-02-01', endsOn: '2025-07-31' }), '2025-03-01').errors).toEqual({
      signedOn: 'La date de signature ne peut pas être dans le futur.',
    });
    expect(readEngagementContract(form({ signedOn: '2025-02-10', startsOn: '2025-01-01', endsOn: '2025-02-01' }), '2025-03-01').errors).toEqual({
      signedOn: 'La signature ne peut pas être après la fin du CER.',
    });
    expect(readEngagementContract(form({ signedOn: '2025-01-10', startsOn: '2025-02-01', endsOn: '2025-07-31' }), '2025-03-01').errors).toEqual({});
  });
});

describe('an exit', () => {
  it('needs a reason from the list, and the new income exactly for a financial change', () => {
    expect(readExit(form({ on: '2025-06-01' }), '2025-07-01').errors).toEqual({ reason: 'Choisissez le motif de sortie.' });
    expect(readExit(form({ on: '2025-06-01', reason: 'LOTTERY' }), '2025-07-01').errors).toEqual({ reason: 'Choisissez le motif de sortie.' });
    expect(readExit(form({ on: '2025-06-01', reason: 'FINANCIAL_CHANGE' }), '2025-07-01').errors).toEqual({ subReason: 'Choisissez le revenu qui remplace le RSA.' });
    expect(readExit(form({ on: '2025-06-01', reason: 'FINANCIAL_CHANGE', subReason: 'AAH' }), '2025-07-01')).toEqual({ errors: {}, endedOn: '2025-06-01', reason: 'FINANCIAL_CHANGE', subReason: 'AAH' });
    // A sub-reason left over from another choice is dropped, not refused.
    expect(readExit(form({ on: '2025-06-01', reason: 'MOVED', subReason: 'AAH' }), '2025-07-01')).toEqual({ errors: {}, endedOn: '2025-06-01', reason: 'MOVED', subReason: null });
    expect(readExit(form({ on: '2025-07-02', reason: 'MOVED' }), '2025-07-01').errors).toEqual({ on: 'La date de sortie ne peut pas être dans le futur.' });
  });
});

describe('appointments', () => {
  it('are to come by default, and held, missed or excused only once their day has come', () => {
    expect(readAppointment(form({ on: '2025-07-10', kind: 'INTERMEDIATE' }), '2025-07-01')).toEqual({ errors: {}, scheduledOn: '2025-07-10', kind: 'INTERMEDIATE', status: 'PLANNED' });
    expect(readAppointment(form({ on: '2025-07-10', kind: 'INTERMEDIATE', status: 'HONOURED' }), '2025-07-01').errors).toEqual({
      status: 'Un rendez-vous à venir ne peut pas être déjà honoré, manqué ou excusé.',
    });
    expect(readAppointment(form({ on: '', kind: '' }), '2025-07-01').errors).toEqual({ on: 'Indiquez la date du rendez-vous.', kind: 'Choisissez le type de rendez-vous.' });
    expect(readAttendance(form({ status: 'MISSED' }), '2025-06-30', '2025-07-01')).toEqual({ errors: {}, status: 'MISSED' });
    expect(readAttendance(form({ status: 'PLANNED' }), '2025-06-30', '2025-07-01').errors).toEqual({ status: 'Choisissez honoré, manqué ou excusé.' });
    expect(readAttendance(form({ status: 'HONOURED' }), '2025-07-02', '2025-07-01').errors).toEqual({ status: 'Ce rendez-vous n’a pas encore eu lieu.' });
  });
});

describe("the API's refusals", () => {
  it('come back in French, on the field they concern, never as the English message', () => {
    expect(refusalOf('sortie', 'DATES_OUT_OF_ORDER')).toEqual({ field: 'on', message: 'La date de sortie ne peut pas précéder le début de l’accompagnement ni le bilan final.' });
    expect(refusalOf('cer', 'OVERLAPPING_CER')).toEqual({ field: 'startsOn', message: 'Cette personne a déjà un CER signé sur une partie de cette période.' });
    expect(refusalOf('rendezVous', 'ALREADY_ENDED')).toEqual({ field: 'général', message: 'L’accompagnement est déjà terminé.' });
    expect(refusalOf('renouvellement', 'TOO_EARLY_FOR_RENEWAL').field).toBe('on');
    expect(refusalOf('cer', 'SOMETHING_NEW')).toEqual({ field: 'général', message: 'L’enregistrement a été refusé.' });
    expect(refusalOf('presence', null)).toEqual({ field: 'général', message: 'L’enregistrement a été refusé.' });
  });
});
