/**
 * One library build for every package: run from a package folder as
 * `vite build --config ../../vite.config.ts`. Entries come from the package's
 * `exports` (their `source` condition); its dependencies stay external, so each
 * package ships only its own code as ES modules.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

interface PackageJson {
  name: string;
  exports: Record<string, string | { source?: string }>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const root = process.cwd();
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as PackageJson;

const entries = Object.fromEntries(
  Object.entries(pkg.exports).flatMap(([subpath, target]) => {
    const source = typeof target === 'object' ? target.source : undefined;
    if (!source) return [];
    const name = subpath === '.' ? 'index' : subpath.replace(/^\.\//, '');
    return [[name, resolve(root, source)]];
  }),
);

const external = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });

/**
 * `--mode standalone` (elements only): one ES module with every dependency inside for a
 * plain `<script type="module">`. `temporal-polyfill` is swapped for a proxy to
 * `globalThis.Temporal`; `standalone.ts` loads the real polyfill as a separate chunk
 * only where the browser lacks Temporal. rrule stays a lazy chunk elements never load.
 */
const standalone = defineConfig({
  root,
  resolve: {
    // Bundle workspace packages from source: finer tree-shaking than their built entries.
    conditions: ['source', 'module', 'browser', 'development|production'],
    alias: [{ find: /^temporal-polyfill$/, replacement: resolve(root, 'src/internal/temporal-proxy.ts') }],
  },
  build: {
    outDir: resolve(root, 'dist'),
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    sourcemap: true,
    lib: { entry: { standalone: resolve(root, 'src/standalone.ts') }, formats: ['es'] },
    rolldownOptions: { output: { chunkFileNames: 'standalone-[name]-[hash].js' } },
  },
});

const library = defineConfig({
  root,
  build: {
    outDir: resolve(root, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    sourcemap: true,
    lib: { entry: entries, formats: ['es'] },
    rolldownOptions: {
      external: (id) => external.some((dep) => id === dep || id.startsWith(`${dep}/`)),
    },
  },
});

export default defineConfig(({ mode }) => (mode === 'standalone' ? standalone : library));
