/**
 * The demo page: built into dist/ (served by server/main.ts). Workspace packages are
 * read from their sources (`source` condition), so nothing else needs building. The
 * msw plugin (worker-only) emits msw's own mockServiceWorker.js next to the page.
 */
import { msw } from 'msw/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [msw({ mode: 'worker-only' })],
  resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
  // One page with msw, the mocks and every element: about 300 kB gzipped, fine for a local demo.
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1200 },
});
