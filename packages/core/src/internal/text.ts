/** Untrusted text and URLs made safe to store, show and encode. Shared by the fold and interchange. */

/** C0 controls (TAB, CR and LF are handled by the callers), DEL, C1 controls, surrogates. */
export function isDropped(cp: number): boolean {
  return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || (cp >= 0xd800 && cp <= 0xdfff);
}

/**
 * Untrusted text made safe to show and to encode: every newline (CRLF, CR or LF)
 * becomes `\n`, other control characters except TAB (C0, DEL, C1) and unpaired
 * surrogates are removed. {@link toICS} and the calendar links use it for every
 * free-text field; what it returns is what a calendar shows.
 *
 * @example
 * ```ts
 * cleanText('Hi\r\nthere\u0007'); // 'Hi\nthere'
 * ```
 */
export function cleanText(value: string): string {
  if (typeof value !== 'string') return '';
  let out = '';
  let afterCR = false;
  for (const ch of value) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp === 0x0d) {
      out += '\n';
      afterCR = true;
      continue;
    }
    if (cp === 0x0a) {
      if (!afterCR) out += '\n';
      afterCR = false;
      continue;
    }
    afterCR = false;
    if (cp === 0x09 || !isDropped(cp)) out += ch;
  }
  return out;
}

/**
 * The join URL when it is safe to link: an `https:` URL without spaces or control
 * characters, with anything a URI may not hold raw (quotes, `<>`, non-ASCII…)
 * percent-encoded. Anything else (`javascript:`, `http:`, junk) gives undefined, and
 * so does a URL whose host a reader could mistake: one with user info
 * (`https://meet.example.com@evil.example/`) or a backslash, which browsers read as
 * `/` and which encoding would otherwise turn into part of the user info.
 *
 * @example
 * ```ts
 * safeJoinUrl('https://meet.example.com/abc'); // 'https://meet.example.com/abc'
 * safeJoinUrl('javascript:alert(1)');          // undefined
 * ```
 */
export function safeJoinUrl(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  const trimmed = url.trim();
  if (!/^https:\/\/[^\s/?#@]/iu.test(trimmed) || /[\s\\]/u.test(trimmed)) return undefined;
  // User info: an `@` before the authority ends.
  if (/^https:\/\/[^/?#]*@/iu.test(trimmed)) return undefined;
  for (const ch of trimmed) if (isDropped(ch.codePointAt(0) ?? 0)) return undefined;
  return trimmed.replace(/[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/gu, percentEncode);
}

export function percentEncode(ch: string): string {
  return encodeURIComponent(ch);
}

