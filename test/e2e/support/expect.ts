/**
 * Small helpers for reading what a person sees: texts and accessible names with white
 * space as a screen reader reads it, retries for what arrives asynchronously (calendar
 * writes, emails), and screenshots of key moments when `E2E_SCREENSHOTS` names a folder.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

/** Collapses every kind of white space (Intl's thin and narrow no-break spaces too) to one space. */
export function normalize(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** The visible text of each element `locator` matches, normalised. */
export async function text(locator: Locator): Promise<string[]> {
  return (await locator.allInnerTexts()).map(normalize);
}

/** The accessible name of each element `locator` matches (its label's text), normalised. */
export async function names(locator: Locator): Promise<string[]> {
  const all = await locator.all();
  return Promise.all(
    all.map(async (l) =>
      normalize(
        await l.evaluate((el) => {
          const e = el as unknown as { labels?: ArrayLike<{ textContent: string | null }>; getAttribute(n: string): string | null; textContent: string | null };
          return e.getAttribute('aria-label') ?? (e.labels && e.labels.length > 0 ? (e.labels[0]!.textContent ?? '') : (e.textContent ?? ''));
        }),
      ),
    ),
  );
}

/** Retries `check` until it stops throwing or `timeoutMs` passes (then throws its last error). */
export async function eventually(check: () => Promise<void>, timeoutMs = 15_000, everyMs = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }
}

/** Saves a full-page screenshot as `$E2E_SCREENSHOTS/<name>.png` when that variable is set. */
export async function snap(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}
