import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { geoCentroid } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { z } from 'zod';
import { referenceDir } from '../paths.js';

const require = createRequire(import.meta.url);

interface CogCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  population?: number;
}
interface CogEpci {
  code: string;
  nom: string;
  type: string;
  populationTotale?: number;
  membres: { code: string }[];
}
interface CogDepartment {
  code: string;
  nom: string;
  region: string;
  chefLieu: string;
}

export interface ReferenceDepartment {
  code: string;
  name: string;
  regionCode: string;
  chefLieuCode: string;
}
export interface ReferenceEpci {
  code: string;
  name: string;
  kind: string;
  population: number | null;
}
export interface ReferenceCommune {
  code: string;
  name: string;
  departmentCode: string;
  epciCode: string | null;
  population: number | null;
  latitude: number | null;
  longitude: number | null;
}
export interface ReferenceTerritory {
  id: string;
  departmentCode: string;
  name: string;
  kind: string;
  source: string;
  communeCodes: string[];
}
export interface ReferenceData {
  departments: ReferenceDepartment[];
  epcis: ReferenceEpci[];
  communes: ReferenceCommune[];
  territories: ReferenceTerritory[];
  checksum: string;
}

const territoryFileSchema = z.object({
  department: z.string().regex(/^(\d{2}|2A|2B|\d{3})$/),
  source: z.string().min(20, 'every territory file must say where its perimeters come from'),
  territories: z
    .array(
      z.object({
        id: z.string().min(1),
        name: z.string().min(1),
        kind: z.string().min(1),
        communes: z.array(z.string().regex(/^[0-9AB]{5}$/)).min(1),
      }),
    )
    .min(1),
});

const cogVersion = (require('@etalab/decoupage-administratif/package.json') as { version: string }).version;

/** The communes of the COG that the reference tables hold: every current commune. */
export function cogCurrentCommunes(): CogCommune[] {
  return (require('@etalab/decoupage-administratif/data/communes.json') as CogCommune[]).filter(
    (c) => c.type === 'commune-actuelle',
  );
}

/** Centroid (WGS84) of every commune drawn in the TopoJSON files of `reference/geo`. */
function communeCentroids(files: string[]): Map<string, [number, number]> {
  const centroids = new Map<string, [number, number]>();
  for (const file of files) {
    const topology = JSON.parse(readFileSync(join(referenceDir, 'geo', file), 'utf8')) as Topology;
    const object = topology.objects.communes as GeometryCollection<{ code: string }> | undefined;
    if (!object) continue;
    const collection = feature(topology, object);
    for (const f of collection.features) {
      if (f.properties?.code) centroids.set(f.properties.code, geoCentroid(f) as [number, number]);
    }
  }
  return centroids;
}

/**
 * Reads every reference source (the COG package, the boundary files, the territory files),
 * checks them against each other and returns rows ready to load, with a checksum of the inputs.
 */
export function readReferenceData(): ReferenceData {
  const hash = createHash('sha256').update(`cog:${cogVersion}`);
  const geoFiles = readdirSync(join(referenceDir, 'geo'))
    .filter((f) => /^communes-.+\.topojson$/.test(f))
    .sort();
  for (const f of geoFiles) hash.update(f).update(readFileSync(join(referenceDir, 'geo', f)));
  const centroids = communeCentroids(geoFiles);

  const departments = (require('@etalab/decoupage-administratif/data/departements.json') as CogDepartment[]).map(
    (d): ReferenceDepartment => ({ code: d.code, name: d.nom, regionCode: d.region, chefLieuCode: d.chefLieu }),
  );
  const epciRows = require('@etalab/decoupage-administratif/data/epci.json') as CogEpci[];
  const epciOf = new Map<string, string>();
  for (const e of epciRows) for (const m of e.membres) epciOf.set(m.code, e.code);
  const epcis = epciRows.map(
    (e): ReferenceEpci => ({ code: e.code, name: e.nom, kind: e.type, population: e.populationTotale ?? null }),
  );
  const communes = cogCurrentCommunes().map((c): ReferenceCommune => {
    const centroid = centroids.get(c.code);
    if (!c.departement) throw new Error(`COG commune ${c.code} has no département`);
    return {
      code: c.code,
      name: c.nom,
      departmentCode: c.departement,
      epciCode: epciOf.get(c.code) ?? null,
      population: c.population ?? null,
      longitude: centroid ? centroid[0] : null,
      latitude: centroid ? centroid[1] : null,
    };
  });

  const communeCodes = new Map(communes.map((c) => [c.code, c.departmentCode]));
  const territories: ReferenceTerritory[] = [];
  const territoryFiles = readdirSync(join(referenceDir, 'territories'))
    .filter((f) => f.endsWith('.json'))
    .sort();
  for (const file of territoryFiles) {
    const text = readFileSync(join(referenceDir, 'territories', file), 'utf8');
    hash.update(file).update(text);
    const parsed = territoryFileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`db/reference/territories/${file}: ${issue?.path.join('.')}: ${issue?.message}`);
    }
    for (const t of parsed.data.territories) {
      for (const code of t.communes) {
        const dep = communeCodes.get(code);
        if (dep === undefined) throw new Error(`db/reference/territories/${file}: territory ${t.id}: commune ${code} is not in the COG`);
        if (dep !== parsed.data.department)
          throw new Error(`db/reference/territories/${file}: territory ${t.id}: commune ${code} belongs to département ${dep}`);
      }
      territories.push({
        id: t.id,
        departmentCode: parsed.data.department,
        name: t.name,
        kind: t.kind,
        source: parsed.data.source,
        communeCodes: t.communes,
      });
    }
  }
  return { departments, epcis, communes, territories, checksum: hash.digest('hex') };
}
