import { describe, expect, it } from 'vitest';
import { GENERAL } from '#lib/validation.ts';
import { IDENTITY_FIELDS, readService, readStructure, refusalErrors, SERVICE_FIELDS, STRUCTURE_FIELDS } from './listing.ts';

const formOf = (entries: [string, string][]): FormData => {
  const form = new FormData();
  for (const [name, value] of entries) form.append(name, value);
  return form;
};

describe('the structure form', () => {
  it('sends every field it shows: emptied ones are cleared, decimals typed the French way, languages deduplicated', () => {
    const { errors, input } = readStructure(
      formOf([
        ['name', '  Croix-Rouge  '],
        ['kind', 'ASSOCIATION'],
        ['siret', '775 672 272 00011'],
        ['networks', 'croix-rouge, france-services,croix-rouge, '],
        ['communeCode', '2a004'],
        ['postalCode', '20000'],
        ['phone', '+33 3 21 00 00 00'],
        ['email', ''],
        ['website', 'https://croix-rouge.fr'],
        ['latitude', '41,9192'],
        ['longitude', '8.7386'],
        ['hours', ' Mo-Fr 09:00-12:00 '],
        ['stepFreeAccess', 'non'],
        ['languages', 'en'],
        ['languages', 'en'],
        ['languages', 'javascript:'],
      ]),
      true,
    );
    expect(errors).toEqual({});
    expect(input).toEqual({
      name: 'Croix-Rouge',
      kind: 'ASSOCIATION',
      siret: '77567227200011',
      networks: ['croix-rouge', 'france-services'],
      description: null,
      address: null,
      postalCode: '20000',
      communeCode: '2A004',
      latitude: 41.9192,
      longitude: 8.7386,
      phone: '+33 3 21 00 00 00',
      email: null,
      website: 'https://croix-rouge.fr',
      hours: 'Mo-Fr 09:00-12:00',
      stepFreeAccess: false,
      signLanguage: false,
      languages: ['en'],
    });
  });

  it('names in French each field the form itself can tell is wrong', () => {
    const { errors } = readStructure(
      formOf([
        ['kind', 'CHATEAU'],
        ['siret', '775 672 272'],
        ['communeCode', '62 000'],
        ['postalCode', '6200'],
        ['phone', 'appeler Mme X'],
        ['email', 'accueil@'],
        ['website', 'javascript:alert(1)'],
        ['latitude', 'nord'],
      ]),
      true,
    );
    expect(Object.keys(errors).sort()).toEqual(['communeCode', 'email', 'kind', 'latitude', 'phone', 'postalCode', 'siret', 'website']);
    expect(errors['website']).toBe('L’adresse du site commence par https:// (ou http://).');
    expect(errors['siret']).toBe('Le SIRET a 14 chiffres.');
  });

  it('leaves the identity out, whatever was posted, for a caller who may not change it', () => {
    const { errors, input } = readStructure(
      formOf([
        ['name', 'Autre nom'],
        ['kind', 'CHATEAU'],
        ['siret', 'x'],
        ['networks', 'autre'],
        ['communeCode', ''],
        ['phone', '03 21 00 00 00'],
      ]),
      false,
    );
    expect(errors).toEqual({});
    for (const field of IDENTITY_FIELDS) expect(input, field).not.toHaveProperty(field);
    expect(input.phone).toBe('03 21 00 00 00');
  });
});

describe('a service form', () => {
  it('changes only what differs from what the page showed', () => {
    const unchanged = readService(formOf([['hours', ''], ['hoursBefore', ''], ['places', '90'], ['placesBefore', '90'], ['waitingDays', '21'], ['waitingDaysBefore', '21']]));
    expect(unchanged).toEqual({ errors: {}, hours: undefined, capacity: undefined });
    const places = readService(formOf([['hours', ''], ['hoursBefore', ''], ['places', '75'], ['placesBefore', '90'], ['waitingDays', '21'], ['waitingDaysBefore', '21']]));
    expect(places).toEqual({ errors: {}, hours: undefined, capacity: { places: 75, waitingDays: 21 } });
    const hours = readService(formOf([['hours', ''], ['hoursBefore', 'Mo 09:00-12:00'], ['places', ''], ['placesBefore', ''], ['waitingDays', ''], ['waitingDaysBefore', '']]));
    expect(hours).toEqual({ errors: {}, hours: null, capacity: undefined });
  });

  it('refuses places that are not a whole number from 0', () => {
    expect(readService(formOf([['places', '-3'], ['waitingDays', '2,5']])).errors).toEqual({
      places: 'Le nombre de places est un nombre entier, 0 ou plus.',
      waitingDays: 'Le délai d’attente est un nombre entier de jours, 0 ou plus.',
    });
  });
});

describe('the API’s refusals', () => {
  it('go beside the field they concern, in French, whether the API names it with its argument or not', () => {
    expect(refusalErrors({ code: 'INVALID_HOURS', field: 'hours' }, STRUCTURE_FIELDS)['hours']).toMatch(/^Ces horaires ne sont pas au format OpenStreetMap/);
    expect(refusalErrors({ code: 'UNKNOWN_COMMUNE', field: 'input.communeCode' }, STRUCTURE_FIELDS)).toEqual({
      communeCode: 'Aucune commune n’a ce code INSEE (par exemple 62041 pour Arras ; ce n’est pas le code postal).',
    });
    expect(refusalErrors({ code: 'OUT_OF_RANGE', field: 'places' }, SERVICE_FIELDS)).toEqual({ places: 'Ce nombre de places est hors des limites acceptées (de 0 à 100 000).' });
    expect(refusalErrors({ code: 'BAD_USER_INPUT', field: 'input.phone' }, STRUCTURE_FIELDS)).toEqual({
      phone: 'Une valeur saisie n’est pas acceptée (texte trop long ou caractère interdit).',
    });
    for (const field of IDENTITY_FIELDS) {
      expect(refusalErrors({ code: 'IDENTITY_FIELD_NOT_EDITABLE', field }, STRUCTURE_FIELDS)).toEqual({
        [field]: 'Modifiable par le Département seulement : rien n’a été enregistré. Pour une correction, écrivez à l’administrateur de l’annuaire du Département.',
      });
    }
  });

  it('concern the whole form when they name no field of it', () => {
    expect(refusalErrors({ code: 'NOT_FOUND', field: null }, STRUCTURE_FIELDS)).toEqual({ [GENERAL]: 'Cette fiche est introuvable : elle a peut-être été archivée. Rechargez la page.' });
    expect(refusalErrors({ code: 'SOMETHING_NEW', field: 'fte' }, SERVICE_FIELDS)).toEqual({ [GENERAL]: 'L’enregistrement a été refusé.' });
  });
});
