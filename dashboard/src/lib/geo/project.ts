// Projection of a Département's boundaries to SVG paths (Lambert conformal conic, fitted to the
// map's width), merged into territories. Run at build time by the dashboard's Vite plugin
// (`vite.config.ts`), so that neither the server nor the browser does geometry work at run time.
import { geoConicConformal, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature, merge } from 'topojson-client';
import type { GeometryCollection, GeometryObject, MultiPolygon, Polygon, Topology } from 'topojson-specification';

export interface TerritoryFile {
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

/** The map of a Département from its commune boundaries (TopoJSON text) and its territories. */
export function projectDepartment(code: string, topologyText: string, territoryFile: TerritoryFile | null): DepartmentMap {
  const topology = JSON.parse(topologyText) as Topology<{ communes: GeometryCollection<CommuneProperties> }>;
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
