/**
 * Every user-visible string goes through a message table: English is complete and
 * the fallback; German and Arabic are shipped (and tested for `dir`) as chunks fetched
 * on first use (`./load.ts`). Each element keeps its English table beside it and reads
 * it through {@link translator}. Parameters are inserted as text (Lit escapes them),
 * never as HTML.
 */
export type MessageTable<K extends string> = { en: Record<K, string> } & Partial<Record<string, Partial<Record<K, string>>>>;

export type Translate<K extends string> = (key: K, params?: Record<string, string | number>) => string;

const made = new WeakMap<object, Map<string, { chosen: unknown; translate: Translate<string> }>>();

/**
 * A function giving `key` in `locale` (language fallback: `de-AT` → `de` → `en`). Made once
 * per table and locale (elements ask for it on every render; Intl objects are costly), and
 * again when a lazily loaded language arrives in the table.
 */
export function translator<K extends string>(table: MessageTable<K>, locale: string): Translate<K> {
  const language = locale.toLowerCase().split('-')[0] ?? 'en';
  const chosen = table[locale] ?? table[language];
  let byLocale = made.get(table);
  if (!byLocale) made.set(table, (byLocale = new Map()));
  const known = byLocale.get(locale);
  if (known && known.chosen === chosen) return known.translate;
  let plural: Intl.PluralRules | undefined;
  let number: Intl.NumberFormat | undefined;
  const translate: Translate<K> = (key, params) => {
    let text = chosen?.[key] ?? table.en[key];
    if (params) {
      // "{count, plural, one {# slot} other {# slots}}" and "{name}"
      text = text.replace(/\{(\w+), plural, ((?:\w+ \{[^}]*\}\s*)+)\}/g, (_, name: string, cases: string) => {
        const n = Number(params[name]);
        const forms = Object.fromEntries([...cases.matchAll(/(\w+) \{([^}]*)\}/g)].map((m) => [m[1], m[2]]));
        plural ??= new Intl.PluralRules(locale);
        number ??= new Intl.NumberFormat(locale);
        return (forms[plural.select(n)] ?? forms.other ?? '').replace(/#/g, number.format(n));
      });
      text = text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? isolateBidi(String(params[name])) : whole));
    }
    return text;
  };
  byLocale.set(locale, { chosen, translate: translate as Translate<string> });
  return translate;
}

/** Explicit bidi formatting characters: embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/u;

/**
 * Untrusted text holding bidi formatting characters, wrapped in FIRST STRONG ISOLATE …
 * POP DIRECTIONAL ISOLATE, so an override it leaves open cannot reorder the words around
 * it ("Invite from \u202EAlice · 30 minutes" would read "Invite from setunim 03 · ecilA").
 * Any other text is returned as it is.
 */
export function isolateBidi(text: string): string {
  return BIDI_CONTROLS.test(text) ? `\u2068${text}\u2069` : text;
}

/** Writing direction of a locale (Arabic, Hebrew, Persian, Urdu… are right-to-left). */
export function directionOf(locale: string): 'ltr' | 'rtl' {
  const language = locale.toLowerCase().split('-')[0] ?? '';
  return ['ar', 'he', 'fa', 'ur', 'ps', 'sd', 'yi', 'dv', 'ug', 'ckb'].includes(language) ? 'rtl' : 'ltr';
}
