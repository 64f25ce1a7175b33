/**
 * One library build for every package: run from a package folder as
 * `vite build --config ../../vite.config.ts`. Entries come from the package's
 * `exports` (their `source` condition); its dependencies stay external, so each
 * package ships only its own code as ES modules.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

/**
 * Build only: collapses comments and whitespace inside Lit `css\`\`` templates of the
 * package's own sources (Lit ships them as written). Expressions (`${…}`) are kept as is.
 */
function minifyLitCss(): Plugin {
  const squeeze = (text: string) =>
    text
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,>])\s*/g, '$1')
      .replace(/:\s+/g, ':')
      .replace(/;}/g, '}');
  return {
    name: 'minify-lit-css',
    apply: 'build',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !code.includes('css`')) return null;
      return {
        code: code.replace(/css`([^`]*)`/g, (_, body: string) => {
          const parts = body.split(/(\$\{[^}]*\})/);
          const squeezed = parts.map((part, i) => (i % 2 ? part : squeeze(part))).join('').trim();
          // the removed line breaks go after the template: later lines keep their numbers
          return `css\`${squeezed}\`${'\n'.repeat(body.split('\n').length - 1)}`;
        }),
        map: null, // only whitespace moved within the templates; line numbers are kept
      };
    },
  };
}

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
  plugins: [minifyLitCss()],
  resolve: {
    // Bundle workspace packages from source: finer tree-shaking than their built entries.
    conditions: ['source', 'module', 'browser', 'development|production'],
    alias: [{ find: /^temporal-polyfill$/, replacement: resolve(root, 'src/internal/temporal-proxy.ts') }],
  },
  build: {
    outDir: resolve(root, 'dist'),
    emptyOutDir: false,
    target: 'es2022',
    minify: 'oxc',
    sourcemap: true,
    lib: { entry: { standalone: resolve(root, 'src/standalone.ts') }, formats: ['es'] },
    rolldownOptions: {
      // Lets code shared with the lazy chunks (Lit, core…) stay inside standalone.js
      // (then also exported under internal names) instead of a separate common chunk.
      preserveEntrySignatures: 'allow-extension',
      // Full minification, whitespace too: Vite keeps it for ES libraries (for the
      // consumer's bundler), but this file goes to browsers as is.
      output: { chunkFileNames: 'standalone-[name]-[hash].js', minify: true, comments: false },
    },
  },
});

const library = defineConfig({
  root,
  plugins: [minifyLitCss()],
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
