/**
 * The Custom Elements Manifest (`packages/elements/custom-elements.json`, written by
 * `npm run build`) describes every element completely. The expected sets come from the
 * element sources themselves, so adding a tag, attribute, event, part or custom property
 * without documenting it fails here.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const elementsDir = join(root, 'packages/elements');
const src = join(elementsDir, 'src');
const read = (file: string): string => readFileSync(file, 'utf8');

interface Named {
  name?: string;
  description?: string;
}
interface Declaration {
  kind: string;
  name: string;
  tagName?: string;
  customElement?: boolean;
  summary?: string;
  description?: string;
  attributes?: Array<Named & { fieldName?: string }>;
  events?: Array<Named & { type?: { text: string } }>;
  cssParts?: Named[];
  cssProperties?: Named[];
  slots?: Named[];
}
interface Manifest {
  modules: Array<{ path: string; declarations?: Declaration[] }>;
}

/** Every `customElements.define`-d tag, from `define.ts` and what it calls. */
function definedTags(): Map<string, string> {
  const define = read(join(src, 'define.ts'));
  const files = [define, ...localImports(join(src, 'define.ts')).map(read)];
  const tags = new Map<string, string>();
  for (const text of files)
    for (const m of text.matchAll(/define(?:Element|Lazily)?\(\s*'([a-z][a-z0-9]*-[a-z0-9-]+)',\s*(\w+)/g))
      tags.set(m[1]!, m[2]!);
  return tags;
}

/** Relative imports of a module, resolved to `.ts` files (one level). */
function localImports(file: string): string[] {
  const text = read(file);
  const found = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+'(\.{1,2}\/[^']+)\.js'/g)].map((m) =>
    resolve(dirname(file), `${m[1]!}.ts`),
  );
  return [...new Set(found)].filter((f) => existsSync(f));
}

/** An element's own module plus the local modules it renders or styles with, not other elements. */
function elementModules(file: string, elementFiles: Set<string>): string[] {
  const seen = new Set<string>([file]);
  const queue = [file];
  while (queue.length > 0) {
    for (const next of localImports(queue.pop()!)) {
      if (seen.has(next) || elementFiles.has(next) || next.endsWith('/events.ts')) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return [...seen];
}

/** `MeetingSentEvent` → `meeting-sent`, from the `static readonly type` of each class in events.ts. */
function eventTypes(): Map<string, string> {
  const text = read(join(src, 'events.ts'));
  const types = new Map<string, string>();
  for (const m of text.matchAll(/class (\w+) extends Event \{\s*static readonly type = '([^']+)'/g)) types.set(m[1]!, m[2]!);
  return types;
}

/** Attributes of the `@property` decorators: explicit `attribute: '…'`, or the lowercased field name. */
function attributesIn(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/@property\((\{[^)]*\})?\)\s*(?:(?:declare|override|accessor)\s+)*(\w+)/g)) {
    const options = m[1] ?? '';
    if (/attribute:\s*false/.test(options)) continue;
    const explicit = /attribute:\s*'([^']+)'/.exec(options)?.[1];
    names.add(explicit ?? m[2]!.toLowerCase());
  }
  return names;
}

/** Static `part` names in templates (`part="cell cell-${state}"` gives `cell`; `cell-*` is described under it). */
function partsIn(text: string): Set<string> {
  const parts = new Set<string>();
  for (const m of text.matchAll(/\spart="([^"]*)"/g))
    for (const token of m[1]!.split(/\s+/)) if (token && !token.includes('${')) parts.add(token);
  return parts;
}

/**
 * `--meeting-*` custom properties an element's styles read with `var()`. A token the shared
 * sheet aliases (`--_busy: var(--meeting-busy, …)`) counts only where the alias is used.
 */
function cssPropertiesIn(text: string): Set<string> {
  const props = new Set<string>();
  const aliased = new Map<string, string[]>();
  for (const m of text.matchAll(/(--_[a-z0-9-]+):\s*var\((--meeting-[a-z0-9-]+)/g))
    aliased.set(m[2]!, [...(aliased.get(m[2]!) ?? []), m[1]!]);
  for (const m of text.matchAll(/var\((--meeting-[a-z0-9-]+)/g)) {
    const aliases = aliased.get(m[1]!);
    const direct = [...text.matchAll(new RegExp(`var\\(${m[1]!}(?![a-z0-9-])`, 'g'))].length > (aliases?.length ?? 0);
    if (direct || aliases?.some((alias) => text.includes(`var(${alias})`) || text.includes(`var(${alias},`))) props.add(m[1]!);
  }
  return props;
}

/** Event classes an element (or a controller of it) dispatches: `new MeetingXEvent(` in its modules. */
function eventClassesIn(text: string, known: Map<string, string>): Set<string> {
  return new Set([...text.matchAll(/new (Meeting\w+Event)\(/g)].map((m) => m[1]!).filter((c) => known.has(c)));
}

const namesOf = (items: Named[] | undefined): Set<string> => new Set((items ?? []).map((i) => i.name ?? ''));

function missing(expected: Set<string>, actual: Set<string>): string[] {
  return [...expected].filter((x) => !actual.has(x)).sort();
}

describe('the Custom Elements Manifest', () => {
  let manifest: Manifest;
  const tags = definedTags();
  const types = eventTypes();
  const declarations = new Map<string, { declaration: Declaration; file: string }>();

  before(() => {
    const file = join(elementsDir, 'custom-elements.json');
    assert.ok(existsSync(file), 'packages/elements/custom-elements.json exists (run `npm run build` first)');
    manifest = JSON.parse(read(file)) as Manifest;
    for (const module of manifest.modules)
      for (const d of module.declarations ?? [])
        if (d.customElement) declarations.set(d.name, { declaration: d, file: join(elementsDir, module.path) });
  });

  test('the sources define at least the four elements and ten events (the scan itself works)', () => {
    assert.deepEqual([...tags.keys()].sort(), ['meeting-card', 'meeting-provider', 'meeting-scheduler', 'meeting-settings']);
    assert.ok(types.size >= 10, `events.ts declares ${types.size} event classes`);
  });

  test('every tag defined in define.ts is a custom element declaration with its tag name', () => {
    for (const [tag, className] of tags) {
      const entry = declarations.get(className);
      assert.ok(entry, `${className} (<${tag}>) is declared in the manifest`);
      assert.equal(entry.declaration.tagName, tag, `${className} has tagName ${tag}`);
      assert.ok(entry.declaration.summary ?? entry.declaration.description, `<${tag}> has a summary`);
    }
  });

  const elementFiles = (): Set<string> => new Set([...declarations.values()].map((e) => e.file));

  test('every attribute of a reactive property is listed under the element', () => {
    for (const { declaration, file } of declarations.values()) {
      const expected = attributesIn(read(file));
      assert.deepEqual(missing(expected, namesOf(declaration.attributes)), [], `<${declaration.tagName}> attributes`);
    }
  });

  test('every event an element dispatches is listed by its name, and only real event names are listed', () => {
    const eventNames = new Set(types.values());
    for (const { declaration, file } of declarations.values()) {
      const modules = elementModules(file, elementFiles());
      const dispatched = new Set<string>();
      for (const module of modules)
        for (const className of eventClassesIn(read(module), types)) dispatched.add(types.get(className)!);
      const listed = namesOf(declaration.events);
      assert.deepEqual(missing(dispatched, listed), [], `<${declaration.tagName}> events`);
      const unknown = [...listed].filter((n) => !eventNames.has(n));
      assert.deepEqual(unknown, [], `<${declaration.tagName}> lists only events from events.ts`);
      for (const event of declaration.events ?? [])
        assert.ok(event.description, `<${declaration.tagName}> event ${event.name} has a description`);
    }
  });

  test('every part in the templates is listed with a description', () => {
    for (const { declaration, file } of declarations.values()) {
      const modules = elementModules(file, elementFiles());
      const expected = new Set(modules.flatMap((m) => [...partsIn(read(m))]));
      assert.deepEqual(missing(expected, namesOf(declaration.cssParts)), [], `<${declaration.tagName}> parts`);
      for (const part of declaration.cssParts ?? []) assert.ok(part.description, `part ${part.name} is described`);
    }
  });

  test('every --meeting-* custom property the styles read is listed with a description', () => {
    for (const { declaration, file } of declarations.values()) {
      const modules = elementModules(file, elementFiles());
      const expected = cssPropertiesIn(modules.map(read).join('\n'));
      assert.deepEqual(missing(expected, namesOf(declaration.cssProperties)), [], `<${declaration.tagName}> custom properties`);
      for (const prop of declaration.cssProperties ?? []) assert.ok(prop.description, `${prop.name} is described`);
    }
  });

  test('documented parts and custom properties exist in the sources (no stale docs)', () => {
    const everyStyle = cssPropertiesIn(
      [...declarations.values()].flatMap(({ file }) => elementModules(file, elementFiles())).map(read).join('\n'),
    );
    for (const { declaration, file } of declarations.values()) {
      const text = elementModules(file, elementFiles()).map(read).join('\n');
      for (const part of namesOf(declaration.cssParts))
        assert.ok(partsIn(text).has(part), `<${declaration.tagName}> part ${part} is used in a template`);
      // the provider documents the shared tokens it passes down without reading them itself
      for (const prop of namesOf(declaration.cssProperties))
        assert.ok(everyStyle.has(prop), `<${declaration.tagName}> ${prop} is read by the elements' styles`);
    }
  });
});
