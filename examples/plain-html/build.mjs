// Builds dist/: index.html beside the published standalone.js and the chunks it loads
// lazily (German/Arabic strings, <meeting-settings>, the Temporal polyfill). The file is
// found the way any npm consumer finds it — through the package's `exports` — so a
// build proves the path resolves. Nothing is bundled: the page uses standalone.js as is.
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'dist');
const entry = fileURLToPath(import.meta.resolve('@meeting-scheduler/elements/standalone.js'));
const from = dirname(entry);

rmSync(out, { recursive: true, force: true });
mkdirSync(out);
copyFileSync(join(here, 'index.html'), join(out, 'index.html'));

// Follow the relative imports (static and dynamic) from standalone.js.
const files = [basename(entry)];
for (const file of files) {
  copyFileSync(join(from, file), join(out, file));
  for (const [, spec] of readFileSync(join(from, file), 'utf8').matchAll(/["'`]\.\/([^"'`/]+\.js)["'`]/g)) {
    if (!files.includes(spec)) files.push(spec);
  }
}
console.log(`examples/plain-html/dist: index.html, ${files.join(', ')}`);
