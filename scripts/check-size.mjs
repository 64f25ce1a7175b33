// Size budget of the built files (run after `npm run build`): gzip -9 of each file itself
// (lazily fetched chunks beside it are not counted). Exits 1 when one is over budget.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const KB = 1000;
const budgets = [
  { file: 'packages/elements/dist/standalone.js', max: 45 * KB },
  { file: 'packages/core/dist/index.js', max: 25 * KB },
];

let over = false;
for (const { file, max } of budgets) {
  let bytes;
  try {
    bytes = readFileSync(fileURLToPath(new URL(`../${file}`, import.meta.url)));
  } catch {
    console.error(`✗ ${file}: missing (run npm run build first)`);
    over = true;
    continue;
  }
  const gzipped = gzipSync(bytes, { level: 9 }).length;
  const ok = gzipped <= max;
  if (!ok) over = true;
  const kb = (n) => `${(n / KB).toFixed(2)} KB`;
  console.log(`${ok ? '✓' : '✗'} ${file}: ${kb(gzipped)} gzipped (${kb(bytes.length)} raw), budget ${kb(max)}`);
}
process.exit(over ? 1 : 0);
