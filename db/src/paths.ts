import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** `db/` (works from `src/` under vitest and from `dist/` once built). */
export const dbPackageRoot = resolve(here, '..');
export const repoRoot = resolve(dbPackageRoot, '..');
export const referenceDir = resolve(dbPackageRoot, 'reference');
