import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

test('the README’s core quick start runs and prints what its comments say', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Quick start: core'));
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(code, 'README has a ts block under "Quick start: core"');
  const expected = [...code.matchAll(/^\/\/ → (.*)$/gm)].map((m) => m[1]!);
  assert.ok(expected.length >= 3, 'the example documents its output');

  // Written inside the repo so that `@meeting-scheduler/core` resolves like in an app.
  const dir = join(root, 'node_modules/.cache/readme-example');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'quick-start.ts');
  writeFileSync(file, code);
  const out = execFileSync(process.execPath, ['--conditions=source', '--import', 'tsx', file], { cwd: root, encoding: 'utf8' });
  const normalize = (s: string) => s.replace(/\s+/g, ' ').trim();
  assert.deepEqual(out.trim().split('\n').map(normalize), expected.map(normalize));
});
