/**
 * Every user-visible string goes through a message table: English is complete and
 * the fallback; German and Arabic are shipped (and tested for `dir`) as chunks fetched
 * on first use (`./load.ts`). Each element keeps its English table beside it and reads
 * it through {@link translator}. Parameters are inserted as text (Lit escapes them),
 * never as HTML.
 */
export type MessageTable<K extends string> = { en: Record<K, string> } & Partial<Record<string, Partial<Record<K, string>>>>;

export type Translate<K extends string> = (key: K, params?: Record<string, string | number>) => string;

/** A function giving `key` in `locale` (language fallback: `de-AT` → `de` → `en`). */
export function translator<K extends string>(table: MessageTable<K>, locale: string): Translate<K> {
  const language = locale.toLowerCase().split('-')[0] ?? 'en';
  const chosen = table[locale] ?? table[language];
  const plural = new Intl.PluralRules(locale);
  return (key, params) => {
    let text = chosen?.[key] ?? table.en[key];
    if (params) {
      // "{count, plural, one {# slot} other {# slots}}" and "{name}"
      text = text.replace(/\{(\w+), plural, ((?:\w+ \{[^}]*\}\s*)+)\}/g, (_, name: string, cases: string) => {
        const n = Number(params[name]);
        const forms = Object.fromEntries([...cases.matchAll(/(\w+) \{([^}]*)\}/g)].map((m) => [m[1], m[2]]));
        return (forms[plural.select(n)] ?? forms.other ?? '').replace(/#/g, new Intl.NumberFormat(locale).format(n));
      });
      text = text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
    }
    return text;
  };
}

/** Writing direction of a locale (Arabic, Hebrew, Persian, Urdu… are right-to-left). */
export function directionOf(locale: string): 'ltr' | 'rtl' {
  const language = locale.toLowerCase().split('-')[0] ?? '';
  return ['ar', 'he', 'fa', 'ur', 'ps', 'sd', 'yi', 'dv', 'ug', 'ckb'].includes(language) ? 'rtl' : 'ltr';
}
