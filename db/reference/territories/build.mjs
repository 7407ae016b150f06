// Builds the territory files of this folder from EPCI membership (INSEE COG, via
// @etalab/decoupage-administratif). The Départements do not publish their social-action
// perimeters as commune lists, so each territory is the union of the EPCI named below,
// restricted to the communes of the Département. Run: node db/reference/territories/build.mjs
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const communes = require('@etalab/decoupage-administratif/data/communes.json');
const epcis = require('@etalab/decoupage-administratif/data/epci.json');
const here = dirname(fileURLToPath(import.meta.url));

const departments = {
  62: {
    kind: 'SLAI',
    source:
      "Pas-de-Calais: the 9 territories named after the SLAI of the Département's 2025 call for projects « référent spécifique santé ». " +
      'Their exact perimeters are not published as commune lists: built from EPCI membership (INSEE COG 2026, @etalab/decoupage-administratif 6.0.0), ' +
      'each EPCI assigned whole to the SLAI that holds its main town. An approximation to replace with the Département’s own list when it is available.',
    territories: {
      arrageois: ['Arrageois', ['200033579', '200069482', '200035442', '200044048']],
      artois: ['Artois', ['200072460', '245900758']],
      audomarois: ['Audomarois', ['200069037', '246201016']],
      boulonnais: ['Boulonnais', ['246200729', '246200380', '200018083']],
      calaisis: ['Calaisis', ['200090751', '200072478', '246200844']],
      'henin-carvin': ['Hénin-Carvin', ['246200299']],
      'lens-lievin': ['Lens-Liévin', ['246200364']],
      montreuillois: ['Montreuillois', ['200069029', '200044030', '200069235']],
      ternois: ['Ternois', ['200069672']],
    },
  },
  25: {
    kind: 'SECTEUR',
    source:
      'Doubs: the 4 sectors of the Département’s social action (Besançon, Haut-Doubs, Doubs central, Pays de Montbéliard), as used for the cellules de cas complexes. ' +
      'Their exact perimeters are not published as commune lists: built from EPCI membership (INSEE COG 2026, @etalab/decoupage-administratif 6.0.0), ' +
      'each EPCI assigned whole to one sector. An approximation to replace with the Département’s own list when it is available.',
    territories: {
      besancon: ['Besançon', ['242500361']],
      'haut-doubs': ['Haut-Doubs', ['242500338', '200069565', '242504488', '242504496', '242504116', '242504355', '200023075']],
      'doubs-central': ['Doubs central', ['242504447', '242504181', '200068070', '242504371', '242500320', '200041887', '247000714', '200068294']],
      'pays-de-montbeliard': ['Pays de Montbéliard', ['200065647', '247000722']],
    },
  },
};

for (const [department, spec] of Object.entries(departments)) {
  const inDepartment = new Set(
    communes.filter((c) => c.type === 'commune-actuelle' && c.departement === department).map((c) => c.code),
  );
  const assigned = new Set();
  const territories = Object.entries(spec.territories).map(([slug, [name, epciCodes]]) => {
    const codes = [];
    for (const code of epciCodes) {
      const epci = epcis.find((e) => e.code === code);
      if (!epci) throw new Error(`EPCI ${code} not found`);
      for (const member of epci.membres) if (inDepartment.has(member.code)) codes.push(member.code);
    }
    codes.sort();
    for (const c of codes) {
      if (assigned.has(c)) throw new Error(`commune ${c} in two territories`);
      assigned.add(c);
    }
    return { id: `${department}-${slug}`, name, kind: spec.kind, epci: epciCodes, communes: codes };
  });
  const missing = [...inDepartment].filter((c) => !assigned.has(c));
  if (missing.length) throw new Error(`${department}: communes without territory: ${missing.join(', ')}`);
  const file = { department, source: spec.source, territories };
  writeFileSync(join(here, `${department}.json`), JSON.stringify(file, null, 2) + '\n');
  console.log(department, territories.map((t) => `${t.name}: ${t.communes.length}`).join(', '));
}
