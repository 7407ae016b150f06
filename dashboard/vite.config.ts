import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// SvelteKit 3 reads its configuration from the `sveltekit(...)` plugin options:
// a `svelte.config.js` file is no longer supported (the build fails if one exists).
export default defineConfig({
  plugins: [
    sveltekit({
      adapter: adapter(),
    }),
  ],
});
