/**
 * English is inline in every element; other languages are fetched once, on first use,
 * as one chunk per language holding every element's table (`./locales/*.ts`).
 * Elements wait for it before rendering ({@link messagesReady} in `scheduleUpdate`),
 * so they never show English first.
 */
import type { CardMessage } from '../card/meeting-card.messages.js';
import type { SchedulerMessage } from '../scheduler/meeting-scheduler.messages.js';
import type { SettingsMessage } from '../settings/meeting-settings.messages.js';
import type { MessageTable } from './translate.js';

/** One language's tables, by element. */
export interface LocaleMessages {
  card: Partial<Record<CardMessage, string>>;
  scheduler: Partial<Record<SchedulerMessage, string>>;
  settings: Partial<Record<SettingsMessage, string>>;
}

const shipped: Partial<Record<string, () => Promise<{ messages: LocaleMessages }>>> = {
  de: () => import('./locales/de.js'),
  ar: () => import('./locales/ar.js'),
};

const loading = new Map<string, Promise<LocaleMessages | undefined>>();

/**
 * Puts `locale`'s language into `table` (the `part` of its language chunk). Returns
 * `undefined` when there is nothing to wait for (English, a language not shipped, or
 * already loaded); otherwise a promise that settles once it is in (or, if the chunk
 * cannot be fetched, with English as the fallback).
 */
export function messagesReady<P extends keyof LocaleMessages>(
  table: MessageTable<Extract<keyof LocaleMessages[P], string>>,
  part: P,
  locale: string,
): Promise<void> | undefined {
  const language = locale.toLowerCase().split('-')[0] ?? 'en';
  const load = Object.hasOwn(shipped, language) ? shipped[language] : undefined;
  if (!load || table[language]) return undefined;
  let pending = loading.get(language);
  if (!pending) {
    pending = load().then(
      (module) => module.messages,
      () => undefined,
    );
    loading.set(language, pending);
  }
  return pending.then((messages) => {
    if (messages) table[language] = messages[part] as Partial<Record<Extract<keyof LocaleMessages[P], string>, string>>;
  });
}
