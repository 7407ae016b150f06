import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { beneficiaryReason, dataInclusionReason } from './import-reasons';

/** Every rejection reason the beneficiaries import can give, read from its source (placeholders filled in). */
function reasonsInSource(): string[] {
  const folder = new URL('../../../../subgraphs/beneficiaries/src/import/', import.meta.url);
  const source = ['import.service.ts', 'import.format.ts'].map((file) => readFileSync(new URL(file, folder), 'utf8')).join('\n');
  const literals = [...source.matchAll(/(?:fail\([^,()]+(?:\([^)]*\))?,\s*|reason:\s*)(['`])((?:(?!\1).)*)\1/g)].map((m) => m[2]!);
  return literals.map((text) => text.replace(/\(line \$\{[^}]+\}\)|line \$\{[^}]+\}/g, (m) => m.replace(/\$\{[^}]+\}/, '12')).replace(/\$\{[^}]+\}/g, 'x'));
}

describe('beneficiaryReason', () => {
  it('translates every reason the beneficiaries import gives', () => {
    const reasons = reasonsInSource();
    expect(reasons.length).toBeGreaterThan(20);
    const untranslated = reasons.filter((r) => beneficiaryReason(r).startsWith('motif non traduit'));
    expect(untranslated).toEqual([]);
  });

  it('keeps the values and line numbers of the reasons', () => {
    expect(beneficiaryReason('not a date as DD/MM/YYYY: "31/02/2020"')).toBe('« 31/02/2020 » n’est pas une date au format JJ/MM/AAAA');
    expect(beneficiaryReason('unknown value "X"')).toBe('valeur inconnue : « X »');
    expect(beneficiaryReason('the same person differs from line 4')).toBe('la même personne (même identifiant) est décrite autrement à la ligne 4');
    expect(beneficiaryReason('not a commune of Département 62')).toBe('n’est pas une commune du Département 62');
    expect(beneficiaryReason('something new')).toBe('motif non traduit : something new');
  });
});

describe('dataInclusionReason', () => {
  it('words each kind of problem with what was expected and the value', () => {
    expect(dataInclusionReason({ code: 'REQUIRED', expected: null, value: null })).toBe('champ obligatoire manquant');
    expect(dataInclusionReason({ code: 'WRONG_TYPE', expected: 'number', value: '"trois"' })).toBe('la valeur doit être un nombre : "trois"');
    expect(dataInclusionReason({ code: 'UNKNOWN_COMMUNE', expected: null, value: '"99999"' })).toBe('code INSEE inconnu du code officiel géographique : "99999"');
    expect(dataInclusionReason({ code: 'BAD_FORMAT', expected: 'email', value: '"x"' })).toBe('format attendu : une adresse e-mail : "x"');
  });
});
