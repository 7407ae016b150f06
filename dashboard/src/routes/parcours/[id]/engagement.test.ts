import { describe, expect, it } from 'vitest';
import { engagementRefusal, readEngagementForm } from './engagement.ts';

const form = (fields: Record<string, string>): FormData => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

describe('the contrat d’engagement form', () => {
  it('reads its actions (decimal commas, empty rows left out) and never sends hours of its own', () => {
    const read = readEngagementForm(
      form({ signedOn: '2026-12-01', startsOn: '2026-12-04', track: 'SOCIAL', 'label-0': 'Suivi au CMP', 'hours-0': '2,5', 'weeks-0': '52', reductionReason: 'HEALTH', reductionJustification: ' Soins ', reviewOn: '2027-04-01' }),
      '2026-12-06',
    );
    expect(read.errors).toEqual({});
    expect(read).toMatchObject({ endsOn: null, convertFrom: null, plan: { track: 'SOCIAL', actions: [{ label: 'Suivi au CMP', weeklyHours: 2.5, weeks: 52 }], reductionReason: 'HEALTH', reductionJustification: 'Soins', reviewDates: ['2027-04-01'] } });
  });

  it('names what is missing on its field, in French', () => {
    const read = readEngagementForm(form({ signedOn: '2026-12-01', startsOn: '2026-12-04', 'label-1': 'Atelier', 'hours-1': 'x' }), '2026-12-06');
    expect(read.errors).toEqual({ track: 'Choisissez le parcours du contrat.', 'hours-1': 'Indiquez les heures par semaine (par exemple 6 ou 2,5).', 'weeks-1': 'Indiquez un nombre de semaines.' });
  });

  it('puts the API’s refusals on the field they concern', () => {
    expect(engagementRefusal({ code: 'REDUCTION_REASON_REQUIRED', field: 'input.plan.reductionReason' })).toEqual({ reductionReason: 'Les actions prévoient moins de 15 heures par semaine : indiquez le motif de la réduction.' });
    expect(engagementRefusal({ code: 'INVALID_WEEKS', field: 'input.plan.actions.2.weeks' })).toEqual({ 'weeks-2': 'Une action dure d’une semaine à la durée du contrat.' });
    expect(engagementRefusal({ code: 'NOT_IN_FORCE', field: 'input.contractId' })).toEqual({ convertFrom: 'Ce CER n’est plus en cours : il ne peut pas être converti.' });
    expect(engagementRefusal({ code: 'SOMETHING_NEW', field: null })).toEqual({ général: 'L’enregistrement a été refusé.' });
  });
});
