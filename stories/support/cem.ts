/**
 * Controls and docs tables from the Custom Elements Manifest (packages/elements/
 * custom-elements.json): one control per attribute (the control's name is the
 * attribute's, and `attributes()` writes the arg back to that attribute), public
 * properties without an attribute listed for reference, every `meeting-*` event as an
 * action, and slots, CSS parts and CSS custom properties in the docs table.
 */
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';
import { nothing } from 'lit';
import { action } from 'storybook/actions';
import type { ArgTypes, Args } from '@storybook/web-components-vite';
import manifest from '@meeting-scheduler/elements/custom-elements.json';

interface Described {
  name: string;
  description?: string;
  summary?: string;
  type?: { text: string };
  default?: string;
}
interface Member extends Described {
  kind: string;
  privacy?: string;
  static?: boolean;
  readonly?: boolean;
  attribute?: string;
}
interface Declaration extends Described {
  kind: string;
  tagName?: string;
  attributes?: Array<Described & { fieldName?: string }>;
  members?: Member[];
  events?: Described[];
  slots?: Described[];
  cssParts?: Described[];
  cssProperties?: Described[];
}
interface Manifest {
  modules: Array<{ declarations?: Declaration[] }>;
}

export type Tag = 'meeting-provider' | 'meeting-scheduler' | 'meeting-card' | 'meeting-settings';

function declarationOf(tag: string): Declaration | undefined {
  for (const mod of (manifest as Manifest).modules) {
    for (const d of mod.declarations ?? []) if (d.tagName === tag) return d;
  }
  return undefined;
}

/** `'a' | 'b'` → ['a', 'b']; anything else → undefined. */
function stringUnion(type: string): string[] | undefined {
  const parts = type.split('|').map((p) => p.trim()).filter((p) => p !== 'undefined');
  return parts.length > 1 && parts.every((p) => /^'[^']*'$/.test(p)) ? parts.map((p) => p.slice(1, -1)) : undefined;
}

function controlFor(type: string): { type: 'boolean' | 'number' | 'select' | 'text' } {
  const plain = type.replace(/\s*\|\s*undefined$/, '');
  if (plain === 'boolean') return { type: 'boolean' };
  if (plain === 'number') return { type: 'number' };
  if (stringUnion(type)) return { type: 'select' };
  return { type: 'text' };
}

/** The docs table's entry for a declared item: category, type and default. */
function tableOf(d: Described, category: string) {
  return {
    category,
    ...(d.type?.text !== undefined ? { type: { summary: d.type.text } } : {}),
    ...(d.default !== undefined ? { defaultValue: { summary: d.default } } : {}),
  };
}

/** The argTypes of a tag: what Storybook's docs and controls show. */
export function extractArgTypes(tag: string): ArgTypes {
  const d = declarationOf(tag);
  if (!d) return {};
  const argTypes: ArgTypes = {};
  for (const a of d.attributes ?? []) {
    const type = a.type?.text ?? 'string';
    const options = stringUnion(type);
    argTypes[a.name] = {
      name: a.name,
      description: a.description ?? '',
      control: controlFor(type),
      ...(options ? { options } : {}),
      table: tableOf(a, 'attributes'),
    };
  }
  const attributeFields = new Set((d.attributes ?? []).map((a) => a.fieldName));
  for (const m of d.members ?? []) {
    const visible = m.kind === 'field' && !m.static && (m.privacy ?? 'public') === 'public' && m.name !== 'env';
    if (!visible || attributeFields.has(m.name)) continue;
    argTypes[`.${m.name}`] = {
      name: `.${m.name}`,
      description: m.description ?? '',
      control: false,
      table: tableOf(m, 'properties'),
    };
  }
  for (const m of d.members ?? []) {
    if (m.kind !== 'method' || m.static || (m.privacy ?? 'public') !== 'public' || !m.description) continue;
    argTypes[`${m.name}()`] = { name: `${m.name}()`, description: m.description, control: false, table: { category: 'methods' } };
  }
  for (const e of d.events ?? []) {
    if (!e.name.startsWith('meeting-') || argTypes[e.name]) continue;
    argTypes[e.name] = { name: e.name, description: e.description ?? '', control: false, table: tableOf(e, 'events') };
  }
  const table = (list: Described[] | undefined, category: string, prefix = '') => {
    for (const item of list ?? []) {
      const name = `${prefix}${item.name === '' ? '(default)' : item.name}`;
      argTypes[`${category}:${name}`] = { name, description: item.description ?? '', control: false, table: { category } };
    }
  };
  table(d.slots, 'slots');
  table(d.cssParts, 'css shadow parts', '::part ');
  table(d.cssProperties, 'css custom properties');
  return argTypes;
}

export const extractComponentDescription = (tag: string): string | undefined => declarationOf(tag)?.description;

/** The attribute names of a tag. */
function attributeNames(tag: Tag): string[] {
  return (declarationOf(tag)?.attributes ?? []).map((a) => a.name);
}

/** The `meeting-*` events a tag fires. */
function eventNames(tag: Tag): string[] {
  return (declarationOf(tag)?.events ?? []).map((e) => e.name).filter((n) => n.startsWith('meeting-'));
}

/** The default arg of every attribute of a tag (booleans false, the rest as the manifest says, else unset). */
export function attributeArgs(tag: Tag): Args {
  const args: Args = {};
  for (const a of declarationOf(tag)?.attributes ?? []) {
    const type = a.type?.text ?? '';
    if (type === 'boolean') args[a.name] = a.default === 'true';
    else if (type === 'number' && a.default !== undefined && /^\d+$/.test(a.default)) args[a.name] = Number(a.default);
    else if (a.default !== undefined && /^'[^']*'$/.test(a.default)) args[a.name] = a.default.slice(1, -1);
  }
  return args;
}

/**
 * `<meeting-card ${attributes('meeting-card', args)}>`: writes each arg named like one
 * of the tag's attributes to that attribute (`false`, `undefined` and `''` remove it),
 * and reports every `meeting-*` event the element fires in the Actions panel.
 */
class AttributesDirective extends Directive {
  private listening = false;
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('attributes() goes on an element');
  }
  render(_tag: Tag, _args: Args) {
    return nothing;
  }
  override update(part: ElementPart, [tag, args]: [Tag, Args]) {
    const el = part.element;
    for (const name of attributeNames(tag)) {
      const value: unknown = args[name];
      if (value === undefined || value === null || value === false || value === '') el.removeAttribute(name);
      else el.setAttribute(name, value === true ? '' : Array.isArray(value) ? value.join(',') : String(value));
    }
    if (!this.listening) {
      this.listening = true;
      for (const name of eventNames(tag)) el.addEventListener(name, action(name));
    }
    return nothing;
  }
}

export const attributes = directive(AttributesDirective);
