// Map geometry on the server: the Département's map (projected at build time, `#lib/geo/maps.ts`)
// and the small marker maps of the directory.
import { departmentMap, type MapShape } from '../geo/maps.ts';

export { departmentMap };
export type { CommuneShape, DepartmentMap, MapShape } from '../geo/maps.ts';

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
