import { describe, expect, it } from 'vitest';
import { allNotPublished, chartValue, exportCountValue, formatCountValue, formatShare, hasData, hasSuppressed, onlyHidden } from './counts';

describe('published counts', () => {
  it('shows suppressed counts as « < 11 »', () => {
    expect(formatCountValue({ value: null, suppressed: true })).toBe('< 11');
    expect(exportCountValue({ value: null, suppressed: true })).toBe('< 11');
    expect(chartValue({ value: null, suppressed: true })).toBeNull();
  });

  it('says which rule hid a count: « < 11 » for a small one, « secret secondaire » for one hidden to protect another', () => {
    expect(formatCountValue({ value: null, suppressed: true, rule: 'PRIMARY' })).toBe('< 11');
    expect(formatCountValue({ value: null, suppressed: true, rule: 'SECONDARY' })).toBe('secret secondaire');
    expect(exportCountValue({ value: null, suppressed: true, rule: 'SECONDARY' })).toBe('secret secondaire');
    expect(formatCountValue({ value: null, suppressed: true, rule: 'NOT_PUBLISHED' })).toBe('non publié à ce niveau');
    expect(exportCountValue({ value: null, suppressed: true, rule: 'NOT_PUBLISHED' })).toBe('non publié à ce niveau');
    expect(hasSuppressed({ id: 't', title: 'T', columns: ['', 'n'], rows: [['a', 'secret secondaire']] })).toBe(true);
  });

  it('formats other counts in French', () => {
    expect(formatCountValue({ value: 12345, suppressed: false })).toBe('12\u202f345');
    expect(exportCountValue({ value: 12345, suppressed: false })).toBe(12345);
    expect(chartValue({ value: 0, suppressed: false })).toBe(0);
    expect(formatCountValue(null)).toBe('—');
    expect(formatShare(0.425)).toBe('42,5\u00a0%');
  });
});

describe('tables of counts', () => {
  const table = (rows: (string | number | null)[][]) => ({ id: 't', title: 'T', columns: ['Motif', 'Sorties'], rows });

  it('has something to draw when a count is non-zero or hidden', () => {
    expect(hasData(table([['A', 0], ['B', null]]))).toBe(false);
    expect(hasData(table([['A', 0], ['B', '< 11']]))).toBe(true);
    expect(hasData(table([['A', 3]]))).toBe(true);
  });

  it('knows when a table holds a suppressed count', () => {
    expect(hasSuppressed(table([['A', 12], ['B', '< 11']]))).toBe(true);
    expect(hasSuppressed(table([['A', 12], ['< 11', 4]]))).toBe(false); // a row's name is not a count
    expect(hasSuppressed(table([['A', 12]]))).toBe(false);
  });

  it('knows a series finer than the grid: every count « non publié à ce niveau »', () => {
    expect(allNotPublished(table([['janvier', 'non publié à ce niveau'], ['février', 'non publié à ce niveau']]))).toBe(true);
    expect(allNotPublished(table([['janvier', 'non publié à ce niveau'], ['février', 12]]))).toBe(false);
    expect(allNotPublished(table([]))).toBe(false);
    const monthly = { id: 'm', title: 'M', columns: ['Mois', 'Personnes accueillies', 'File active'], rows: [['mars', 'non publié à ce niveau', 33], ['avril', 'non publié à ce niveau', 'non publié à ce niveau']] };
    expect(allNotPublished(monthly, ['Personnes accueillies'])).toBe(true);
    expect(allNotPublished(monthly)).toBe(false);
  });

  it('finds a table with nothing to draw: hidden counts and no count above zero', () => {
    expect(onlyHidden(table([['Stabilisation', '< 11'], ['Décès', 0], ['Autre', 'secret secondaire'], ['Déménagement', 'non publié à ce niveau']]))).toBe(true);
    expect(onlyHidden(table([['Stabilisation', '< 11'], ['Décès', 12]]))).toBe(false);
    expect(onlyHidden(table([['Stabilisation', 0], ['Décès', null]]))).toBe(false);
    expect(onlyHidden(table([]))).toBe(false);
    const monthly = { id: 'm', title: 'M', columns: ['Mois', 'Personnes accueillies', 'File active'], rows: [['mars', '< 11', 33]] };
    expect(onlyHidden(monthly, ['Personnes accueillies'])).toBe(true);
    expect(onlyHidden(monthly)).toBe(false);
  });
});
