// The module the dashboard's Vite plugin generates (vite.config.ts, `departmentMaps`).
declare module 'virtual:passerelles-maps' {
  import type { DepartmentMap } from './project.ts';
  const maps: Record<string, () => Promise<{ default: DepartmentMap }>>;
  export default maps;
}
