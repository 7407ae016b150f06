// Map geometry on the server: the Département's map (projected at build time, `#lib/geo/maps.ts`)
// and the small marker maps of the directory.
import { departmentMap, type MapShape } from '../geo/maps.ts';

export { departmentMap };
export type { CommuneShape, DepartmentMap, MapShape } from '../geo/maps.ts';

/** A small map for markers: the territories' outlines and the position of some communes. */
export async function markerMap(
  departmentCode: string,
  markers: readonly { id: string; label: string; communeCode: string }[],
): Promise<{ width: number; height: number; outlines: MapShape[]; markers: { id: string; label: string; x: number; y: number }[] } | null> {
  const map = await departmentMap(departmentCode);
  if (!map) return null;
  const byCode = new Map(map.communes.map((c) => [c.id, c]));
  return {
    width: map.width,
    height: map.height,
    outlines: map.territories.length > 0 ? map.territories : map.communes.map(({ id, name, d }) => ({ id, name, d })),
    markers: markers.flatMap((m) => {
      const commune = byCode.get(m.communeCode);
      return commune ? [{ id: m.id, label: `${m.label} (${commune.name})`, x: commune.centroid[0], y: commune.centroid[1] }] : [];
    }),
  };
}
