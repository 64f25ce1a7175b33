/**
 * Storybook's own Vite config (the root vite.config.ts builds the packages): consume
 * the workspace packages from their TypeScript sources, and ship msw's service worker.
 * Lit's decorator flags come from the nearest tsconfig (packages/elements', stories').
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defineConfig, type Plugin } from 'vite';

const require = createRequire(import.meta.url);

/**
 * Serves msw's service worker at `/mockServiceWorker.js` in dev and emits it next to
 * `iframe.html` in the build: always the copy that matches the installed msw, never a
 * stale file in the repo.
 */
function mswWorker(): Plugin {
  const file = require.resolve('msw/mockServiceWorker.js');
  const name = 'mockServiceWorker.js';
  return {
    name: 'msw-worker',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url?.split('?')[0] !== `/${name}`) return next();
        res.setHeader('content-type', 'text/javascript');
        res.end(readFileSync(file));
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: name, source: readFileSync(file, 'utf8') });
    },
  };
}

export default defineConfig({
  plugins: [mswWorker()],
  resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
  build: { chunkSizeWarningLimit: 2500 },
});
