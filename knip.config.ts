/**
 * `npm run check:unused`: no unused files, exports or dependencies (knip). Entries are the
 * packages' `exports`/`bin` sources, the tests, benches and scripts, the Storybook and the
 * examples. Exported types used in their own file are kept (they name a function's
 * parameters or result); exported values nobody imports are not.
 */
import type { KnipConfig } from 'knip';

const config: KnipConfig = {
  // Its config reads the building package's own package.json (`cwd`), so knip cannot load it
  // from the root; the entries below name what the builds start from instead.
  vite: false,
  ignoreExportsUsedInFile: { interface: true, type: true },
  workspaces: {
    '.': {
      entry: [
        'test/**/*.test.ts',
        'bench/*.bench.ts',
        'bench/server-child.ts',
        'bench/ui/main.mts',
        'scripts/*.{mjs,ts}',
        'stories/**/*.stories.ts',
        '.storybook/*.ts',
        'vite.config.ts',
        'web-test-runner.config.mjs',
      ],
      project: ['test/**/*.{ts,mts}', 'bench/**/*.{ts,mts}', 'scripts/**/*.{mjs,ts}', 'stories/**/*.{ts,mdx}', '.storybook/*.ts'],
      // test/server/postgres.ts finds Debian's PostgreSQL binaries through it.
      ignoreBinaries: ['pg_config'],
    },
    // The packages' entries come from their `exports` and `bin` (the `source` files).
    'packages/core': {
      project: ['src/**/*.ts'],
    },
    'packages/adapters': {
      entry: ['src/*/index.ts'],
      project: ['src/**/*.ts'],
      // An optional peer on purpose: only the `/mocks` subpath imports it.
      ignoreDependencies: ['msw'],
    },
    'packages/elements': {
      // temporal-proxy.ts replaces temporal-polyfill in the standalone build (a Vite alias).
      entry: ['src/standalone.ts', 'src/internal/temporal-proxy.ts', 'custom-elements-manifest.config.mjs'],
      project: ['src/**/*.ts'],
    },
    'packages/server': {
      project: ['src/**/*.ts'],
    },
    'examples/messaging-demo': {
      entry: ['index.html', 'src/main.ts', 'server/*.ts', 'vite.config.ts'],
      project: ['src/**/*.ts', 'server/**/*.ts', 'shared/**/*.ts'],
    },
    'examples/plain-html': {
      entry: ['index.html'],
      project: ['*.{mjs,ts}'],
    },
    'examples/react-host': {
      entry: ['index.html', 'src/main.tsx', 'vite.config.ts'],
      project: ['src/**/*.{ts,tsx}'],
    },
  },
};

export default config;
