import { describe, expect, it } from 'vitest';
import { maySee, sectionsFor } from './sections';

describe('sections by role', () => {
  it('gives every role the three shared sections', () => {
    for (const role of ['ADMIN', 'STEERING', 'REFERENT', 'OPERATOR', 'PRESCRIBER'] as const) {
      expect(sectionsFor(role).slice(0, 3).map((s) => s.label)).toEqual(['Pilotage', 'Couverture', 'Annuaire']);
    }
  });

  it('limits Parcours, Orientations reçues, Conventions and Administration', () => {
    expect(sectionsFor('STEERING').map((s) => s.path)).toEqual(['/pilotage', '/couverture', '/annuaire', '/conventions']);
    expect(sectionsFor('REFERENT').map((s) => s.path)).toEqual(['/pilotage', '/couverture', '/annuaire', '/parcours']);
    expect(sectionsFor('OPERATOR').map((s) => s.path)).toEqual(['/pilotage', '/couverture', '/annuaire', '/parcours', '/orientations', '/conventions']);
    expect(sectionsFor('PRESCRIBER').map((s) => s.path)).toEqual(['/pilotage', '/couverture', '/annuaire', '/parcours']);
    expect(sectionsFor('ADMIN')).toHaveLength(8);
    expect(maySee('REFERENT', '/reorientations')).toBe(false);
    expect(maySee('REFERENT', '/orientations')).toBe(false);
    expect(maySee('REFERENT', '/administration')).toBe(false);
    expect(maySee('ADMIN', '/administration')).toBe(true);
  });
});
