// The published type declarations compile for a consumer project (run after `npm run build`).
// Builds a throwaway project under the OS temp folder whose node_modules holds a copy of each
// package as it would be published (package.json + dist), plus the packages their declarations
// need, linked from this repo's node_modules. Type-checks test/consumer/consumer.mts — which
// imports every public subpath — with `moduleResolution: "bundler"` and `"node16"`,
// `strict` and `skipLibCheck: false`, so the declarations themselves are checked too.
// Exits 1 on any error.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const packages = ['core', 'adapters', 'elements', 'server'];
const tsc = join(root, 'node_modules/.bin/tsc');

const project = mkdtempSync(join(tmpdir(), 'meeting-consumer-'));
const modules = join(project, 'node_modules');
let failed = false;

try {
  // What a consumer installs besides our packages: their dependencies and peers (resolved
  // from the repo, like npm would hoist them), and the environment's types.
  const needed = new Set(['@types/node']);
  for (const name of packages) {
    const dir = join(root, 'packages', name);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    if (!existsSync(join(dir, 'dist'))) throw new Error(`packages/${name}/dist is missing: run npm run build first`);
    const target = join(modules, pkg.name);
    mkdirSync(target, { recursive: true });
    copyFileSync(join(dir, 'package.json'), join(target, 'package.json'));
    cpSync(join(dir, 'dist'), join(target, 'dist'), { recursive: true, filter: (f) => !f.endsWith('.map') });
    if (existsSync(join(dir, 'custom-elements.json'))) copyFileSync(join(dir, 'custom-elements.json'), join(target, 'custom-elements.json'));
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies })) if (!dep.startsWith('@meeting-scheduler/')) needed.add(dep);
  }
  for (const dep of needed) {
    const from = join(root, 'node_modules', dep);
    if (!existsSync(from)) throw new Error(`${dep} is not installed in the repo`);
    mkdirSync(dirname(join(modules, dep)), { recursive: true });
    symlinkSync(from, join(modules, dep), 'dir');
  }

  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2));
  copyFileSync(join(root, 'test/consumer/consumer.mts'), join(project, 'consumer.mts'));

  const common = {
    target: 'ES2022',
    lib: ['ES2023', 'DOM', 'DOM.Iterable'],
    types: ['node'],
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: false,
    noEmit: true,
  };
  const variants = {
    bundler: { module: 'ESNext', moduleResolution: 'bundler' },
    node16: { module: 'node16', moduleResolution: 'node16' },
  };
  for (const [name, resolution] of Object.entries(variants)) {
    const config = `tsconfig.${name}.json`;
    writeFileSync(join(project, config), JSON.stringify({ compilerOptions: { ...common, ...resolution }, files: ['consumer.mts'] }, null, 2));
    let output = '';
    try {
      execFileSync(tsc, ['-p', config], { cwd: project, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      output = `${error.stdout ?? ''}${error.stderr ?? ''}`;
      if (!/error TS\d+/.test(output)) throw error;
    }
    const { ours, theirs } = classify(output);
    if (theirs.length > 0) {
      // A dependency's broken declarations only show when our public types reach them: keep them out of reach.
      failed = true;
      console.error(`✗ consumer types (${name}): ${theirs.length} error(s) in third-party declarations our public types reach:\n${theirs.join('\n')}`);
    }
    if (ours.length > 0) {
      failed = true;
      console.error(`✗ consumer types (${name} resolution): ${ours.length} error(s)\n${ours.join('\n')}`);
    } else console.log(`✓ consumer types (${name} resolution): our declarations and consumer.mts compile`);
  }
} catch (error) {
  failed = true;
  console.error(`✗ consumer types: ${error.message}`);
} finally {
  if (process.env.KEEP_CONSUMER) console.log(`project kept at ${project}`);
  else rmSync(project, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

/**
 * Splits tsc's diagnostics into errors located in consumer.mts or our packages' declarations
 * and errors inside another package's own declarations (their bug, which only
 * `skipLibCheck: false` shows, and only when our public types import them). Both fail.
 */
function classify(output) {
  const ours = [];
  const theirs = [];
  let current;
  for (const line of output.split('\n')) {
    const located = /^(\S[^(]*)\(\d+,\d+\): error TS\d+/.exec(line);
    if (located) {
      const file = located[1];
      const mine = file === 'consumer.mts' || file.startsWith('node_modules/@meeting-scheduler/');
      current = mine ? ours : theirs;
      current.push(line);
    } else if (/^\S.*error TS\d+/.test(line)) {
      (current = ours).push(line); // a global error (no file): ours to fix
    } else if (line.trim() && current) current.push(line);
  }
  return { ours, theirs };
}
