// The maps of the Départements, projected at build time (see `departmentMaps` in vite.config.ts):
// each Département's geometry is its own module, loaded on first use (on the server, and in the
// browser as a cached file), never sent inside a page's data.
import maps from 'virtual:passerelles-maps';
import type { DepartmentMap } from './project.ts';

export type { CommuneShape, DepartmentMap, MapShape } from './project.ts';

const loaded = new Map<string, Promise<DepartmentMap | null>>();

/** The map of a Département, or null when the repository has no boundaries for it. */
export function departmentMap(code: string): Promise<DepartmentMap | null> {
  let map = loaded.get(code);
  if (!map) {
    const load = maps[code];
    map = load ? load().then((module) => module.default) : Promise.resolve(null);
    loaded.set(code, map);
    map.catch(() => loaded.delete(code));
  }
  return map;
}
