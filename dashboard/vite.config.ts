import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vite';
import { projectDepartment, type TerritoryFile } from './src/lib/geo/project.ts';

const reference = resolve(import.meta.dirname, '..', 'db', 'reference');
const MAPS = 'virtual:passerelles-maps';
const NAMES = 'virtual:passerelles-department-names';
const MAP = 'virtual:passerelles-map/';

/**
 * The Départements' maps, projected once at build time from the repository's offline boundaries
 * (`db/reference/geo/communes-<code>.topojson`, `db/reference/territories/<code>.json`):
 * `virtual:passerelles-maps` maps each Département code to a lazy import of its own module, so a
 * page loads only its Département's geometry, as a separate file the browser caches (immutable);
 * `virtual:passerelles-department-names` maps each code to the Département's name.
 */
function departmentMaps(): Plugin {
  const codes = (): string[] =>
    readdirSync(resolve(reference, 'geo'))
      .flatMap((file) => /^communes-(\w+)\.topojson$/.exec(file)?.[1] ?? [])
      .sort();
  return {
    name: 'passerelles-department-maps',
    resolveId: (id) => (id === MAPS || id === NAMES || id.startsWith(MAP) ? `\0${id}` : null),
    load(id) {
      if (id === `\0${NAMES}`) {
        // The 101 Départements' names (`code` → `nom`), from the same offline reference.
        const path = resolve(reference, 'geo', 'departements.topojson');
        this.addWatchFile(path);
        const topology = JSON.parse(readFileSync(path, 'utf8')) as { objects: Record<string, { geometries: { properties: { code: string; nom: string } }[] }> };
        const names = Object.fromEntries(Object.values(topology.objects).flatMap((o) => o.geometries.map((g) => [g.properties.code, g.properties.nom])));
        return `export default ${JSON.stringify(names)};\n`;
      }
      if (id === `\0${MAPS}`) {
        return `export default {\n${codes()
          .map((code) => `  ${JSON.stringify(code)}: () => import(${JSON.stringify(`${MAP}${code}`)}),`)
          .join('\n')}\n};\n`;
      }
      if (!id.startsWith(`\0${MAP}`)) return null;
      const code = id.slice(MAP.length + 1);
      const topologyPath = resolve(reference, 'geo', `communes-${code}.topojson`);
      const territoriesPath = resolve(reference, 'territories', `${code}.json`);
      this.addWatchFile(topologyPath);
      let territories: TerritoryFile | null = null;
      try {
        territories = JSON.parse(readFileSync(territoriesPath, 'utf8')) as TerritoryFile;
        this.addWatchFile(territoriesPath);
      } catch {
        territories = null; // a Département without territory files: communes only
      }
      const map = projectDepartment(code, readFileSync(topologyPath, 'utf8'), territories);
      // JSON.parse of a string literal: parsed by the engine faster than the same object literal.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(map))});\n`;
    },
  };
}

// SvelteKit 3 reads its configuration from the `sveltekit(...)` plugin options:
// a `svelte.config.js` file is no longer supported (the build fails if one exists).
export default defineConfig({
  plugins: [
    departmentMaps(),
    sveltekit({
      adapter: adapter(),
    }),
  ],
});
