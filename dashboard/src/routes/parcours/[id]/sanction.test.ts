import { describe, expect, it } from 'vitest';
import { GENERAL } from '#lib/validation.ts';
import { sanctionRefusal } from './sanction.ts';

describe('the sanctions panel’s refusals', () => {
  it('puts the API’s refusal in French beside the field it concerns', () => {
    expect(sanctionRefusal({ code: 'HOUSEHOLD_CAP', field: 'input.rate' })).toEqual({ rate: 'Foyer de plus d’une personne : la suspension est plafonnée à 50 %.' });
    expect(sanctionRefusal({ code: 'NOT_A_REPEAT', field: 'input.durationMonths' })).toEqual({
      durationMonths: 'Plus de 2 mois seulement en cas de récidive : aucune suspension décidée pour cette personne dans les 12 mois précédents.',
    });
    expect(sanctionRefusal({ code: 'PROCEDURE_PENDING', field: null })).toEqual({ [GENERAL]: 'Une procédure attend déjà l’audition ou la décision pour cette personne.' });
    expect(sanctionRefusal({ code: 'NOT_FOUND', field: 'input.procedureId' })).toEqual({ [GENERAL]: 'Cette personne ou cette procédure est introuvable parmi celles que vous suivez.' });
    expect(sanctionRefusal({ code: 'SOMETHING_NEW', field: 'input.other' })).toEqual({ [GENERAL]: 'L’enregistrement a été refusé.' });
  });
});
