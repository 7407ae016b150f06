// The modules the dashboard's Vite plugin generates (vite.config.ts, `departmentMaps`).
declare module 'virtual:passerelles-maps' {
  import type { DepartmentMap } from './project.ts';
  const maps: Record<string, () => Promise<{ default: DepartmentMap }>>;
  export default maps;
}

declare module 'virtual:passerelles-department-names' {
  /** `'62'` → `'Pas-de-Calais'`, for the 101 Départements. */
  const names: Record<string, string>;
  export default names;
}
