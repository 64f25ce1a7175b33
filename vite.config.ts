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

export default defineConfig({
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
      output: { preserveModules: false },
    },
  },
});
