import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * SvelteKit 3 generates the tsconfig the dashboard extends (`$app/tsconfig`) inside
 * dashboard/node_modules, which `npm install` prunes. Regenerate it before Vite transforms any
 * test file (this file is plain JavaScript so that its own transform needs no tsconfig).
 */
export function setup() {
  const cli = require.resolve('@sveltejs/kit/package.json').replace(/package\.json$/, 'svelte-kit.js');
  execFileSync(process.execPath, [cli, 'sync'], { cwd: import.meta.dirname, stdio: 'inherit' });
}
