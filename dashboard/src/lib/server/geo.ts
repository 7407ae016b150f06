// Map geometry of a Département, computed once per process on the server: SVG paths of its
// communes and territories, projected (Lambert conformal conic) to fit the map's frame. The
// boundaries are the repository's offline reference files (no tiles, no network).
import { geoConicConformal, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature, merge } from 'topojson-client';
import type { GeometryCollection, GeometryObject, MultiPolygon, Polygon, Topology } from 'topojson-specification';

const topologies = import.meta.glob<string>('../../../../db/reference/geo/communes-*.topojson', { query: '?raw', import: 'default' });
const territoryFiles = import.meta.glob<TerritoryFile>('../../../../db/reference/territories/*.json', { import: 'default' });

interface TerritoryFile {
  department: string;
  territories: { id: string; name: string; communes: string[] }[];
}

type CommuneProperties = { code: string; nom: string };

export interface MapShape {
  id: string;
  name: string;
  /** SVG path in the map's frame. */
  d: string;
}

export interface CommuneShape extends MapShape {
  territoryId: string | null;
  /** Centroid in the map's frame (for markers). */
  centroid: [number, number];
}

export interface DepartmentMap {
  departmentCode: string;
  width: number;
  height: number;
  communes: CommuneShape[];
  territories: MapShape[];
}

export const MAP_WIDTH = 800;

const cache = new Map<string, Promise<DepartmentMap | null>>();

function fileFor<T>(files: Record<string, () => Promise<T>>, suffix: string): (() => Promise<T>) | undefined {
  return Object.entries(files).find(([path]) => path.endsWith(suffix))?.[1];
}

/** The map of a Département, or null when the repository has no boundaries for it. */
export function departmentMap(code: string): Promise<DepartmentMap | null> {
  let map = cache.get(code);
  if (!map) {
    map = build(code);
    cache.set(code, map);
    map.catch(() => cache.delete(code));
  }
  return map;
}

async function build(code: string): Promise<DepartmentMap | null> {
  const loadTopology = fileFor(topologies, `/communes-${code}.topojson`);
  if (!loadTopology) return null;
  const topology = JSON.parse(await loadTopology()) as Topology<{ communes: GeometryCollection<CommuneProperties> }>;
  const loadTerritories = fileFor(territoryFiles, `/territories/${code}.json`);
  const territoryFile = loadTerritories ? await loadTerritories() : null;

  const territoryOf = new Map<string, string>();
  for (const territory of territoryFile?.territories ?? []) {
    for (const commune of territory.communes) territoryOf.set(commune, territory.id);
  }

  const collection = feature(topology, topology.objects.communes) as FeatureCollection<Geometry, CommuneProperties>;
  // Lambert-93-like conic, fitted to the frame's width; the height follows the Département's shape.
  const projection = geoConicConformal().parallels([44, 49]).rotate([-3, 0]).fitWidth(MAP_WIDTH, collection);
  const path = geoPath(projection).digits(1);
  const [[, y0], [, y1]] = path.bounds(collection);
  const height = Math.ceil(y1 - Math.min(0, y0));

  const communes: CommuneShape[] = collection.features
    .map((f: Feature<Geometry, CommuneProperties>) => ({
      id: f.properties.code,
      name: f.properties.nom,
      d: path(f) ?? '',
      territoryId: territoryOf.get(f.properties.code) ?? null,
      centroid: path.centroid(f).map((n) => Math.round(n * 10) / 10) as [number, number],
    }))
    .sort((a, b) => a.id.localeCompare(b.id));

  const territories: MapShape[] = (territoryFile?.territories ?? []).map((territory) => {
    const members = new Set(territory.communes);
    const geometries = topology.objects.communes.geometries.filter(
      (g): g is (Polygon<CommuneProperties> | MultiPolygon<CommuneProperties>) & GeometryObject<CommuneProperties> =>
        (g.type === 'Polygon' || g.type === 'MultiPolygon') && members.has(g.properties?.code ?? ''),
    );
    const outline = merge(topology, geometries);
    return { id: territory.id, name: territory.name, d: path(outline) ?? '' };
  });

  return { departmentCode: code, width: MAP_WIDTH, height, communes, territories };
}

export interface MarkerMap {
  width: number;
  height: number;
  outlines: MapShape[];
  markers: { id: string; label: string; x: number; y: number }[];
  /** Where distances are measured from (the person's commune), when given and drawn. */
  origin: { label: string; x: number; y: number } | null;
}

/**
 * A small map for markers: the territories' outlines (or the communes' when the Département has
 * no territories), a marker at the commune of each item, and optionally the commune distances are
 * measured from. Items whose commune is not on the map are left out.
 */
export async function markerMap(
  departmentCode: string,
  markers: readonly { id: string; label: string; communeCode: string }[],
  originCode: string | null = null,
): Promise<MarkerMap | null> {
  const map = await departmentMap(departmentCode);
  if (!map) return null;
  const byCode = new Map(map.communes.map((c) => [c.id, c]));
  const origin = originCode ? byCode.get(originCode) : undefined;
  return {
    width: map.width,
    height: map.height,
    outlines: map.territories.length > 0 ? map.territories : map.communes.map(({ id, name, d }) => ({ id, name, d })),
    markers: markers.flatMap((m) => {
      const commune = byCode.get(m.communeCode);
      return commune ? [{ id: m.id, label: `${m.label} (${commune.name})`, x: commune.centroid[0], y: commune.centroid[1] }] : [];
    }),
    origin: origin ? { label: origin.name, x: origin.centroid[0], y: origin.centroid[1] } : null,
  };
}
