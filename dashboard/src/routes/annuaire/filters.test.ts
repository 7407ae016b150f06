import { describe, expect, it } from 'vitest';
import { chooseCommune, fold, formSearchUrl, parseFilters, searchUrl, searchVariables } from './filters';

describe('directory filters', () => {
  it('reads the URL into the search, ignoring unknown values', () => {
    const f = parseFilters(new URLSearchParams('q=  psy &commune=Arras&theme=sante--sante-mentale&type=CMP&public=beneficiaires-des-minimas-sociaux&accueil=a-distance&ouvert=1&gratuit=1&plain-pied=1&lsf=1&apres=abc'));
    expect(f).toMatchObject({ query: 'psy', commune: 'Arras', kind: 'CMP', public: 'BENEFICIAIRES_DES_MINIMAS_SOCIAUX', mode: 'A_DISTANCE', openNow: true, free: true, stepFree: true, signLanguage: true, after: 'abc' });
    expect(f.theme?.value).toBe('SANTE__SANTE_MENTALE');
    expect(parseFilters(new URLSearchParams('type=BOULANGERIE&public=chats&theme=x&ouvert=oui'))).toMatchObject({ kind: null, public: null, theme: null, openNow: false });
  });

  it('turns them into the variables of searchPartners; the commune restricts and orders by distance', () => {
    const f = parseFilters(new URLSearchParams('q=psy&theme=sante--addictions&gratuit=1&lsf=1'));
    expect(searchVariables(f, '62041')).toEqual({
      query: 'psy',
      filters: { themes: ['SANTE__ADDICTIONS'], free: true, signLanguage: true },
      near: { communeCode: '62041' },
      eligibleFor: '62041',
      first: 20,
      after: null,
    });
    expect(searchVariables(parseFilters(new URLSearchParams()), null)).toEqual({ query: null, filters: null, near: null, eligibleFor: null, first: 20, after: null });
  });

  it('chooses the commune a name designates, or none with suggestions', () => {
    const arras = { code: '62041', name: 'Arras' };
    const saintOmer = { code: '62765', name: 'Saint-Omer' };
    const saintOmerCapelle = { code: '62766', name: 'Saint-Omer-Capelle' };
    expect(chooseCommune('arras', [arras]).chosen).toEqual(arras);
    expect(chooseCommune('saint omer', [saintOmer, saintOmerCapelle]).chosen).toEqual(saintOmer);
    expect(chooseCommune('saint', [saintOmer, saintOmerCapelle])).toEqual({ chosen: null, suggestions: [saintOmer, saintOmerCapelle] });
    expect(chooseCommune('arr', [arras]).chosen).toEqual(arras); // the only one that starts so
    expect(chooseCommune('xyz', []).chosen).toBeNull();
    expect(fold('Hénin-Beaumont')).toBe('henin beaumont');
  });

  it('writes the URL of a search and of its pages', () => {
    expect(formSearchUrl('/annuaire', [['q', ' psy '], ['commune', ''], ['ouvert', '1']])).toBe('/annuaire?q=psy&ouvert=1');
    expect(formSearchUrl('/annuaire', [['q', '']])).toBe('/annuaire');
    expect(searchUrl('/annuaire', new URLSearchParams('q=psy&apres=a'), 'b')).toBe('/annuaire?q=psy&apres=b');
    expect(searchUrl('/annuaire', new URLSearchParams('q=psy&apres=a'), null)).toBe('/annuaire?q=psy');
  });
});
