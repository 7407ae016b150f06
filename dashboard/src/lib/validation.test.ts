import { describe, expect, it } from 'vitest';
import { readDate, readEngagementContract, readRequired, type FieldErrors } from './validation';

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

  it('checks that a CER ends after it starts', () => {
    const result = readEngagementContract(form({ signedOn: '2025-01-10', startsOn: '2025-02-01', endsOn: '2025-01-31' }), '2025-03-01');
    expect(result.errors).toEqual({ endsOn: 'La date de fin doit suivre la date de début.' });
    expect(readEngagementContract(form({ signedOn: '2025-01-10', startsOn: '2025-02-01', endsOn: '2025-07-31' }), '2025-03-01').errors).toEqual({});
  });
});
