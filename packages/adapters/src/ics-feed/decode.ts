/**
 * Bytes of a feed → text with one content line per `\n`. Unfolding happens on the
 * bytes, before decoding: producers fold at 75 octets and some split a multi-byte
 * UTF-8 character across the fold, which decoding first would turn into two U+FFFD.
 */

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

/**
 * Joins folded lines (a line break followed by a space or tab, RFC 5545 §3.1) and
 * turns CRLF, LF and bare CR line breaks into LF.
 */
function unfoldBytes(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b !== CR && b !== LF) {
      out[n++] = b;
      continue;
    }
    // One line break: CRLF, LF or CR.
    if (b === CR && bytes[i + 1] === LF) i++;
    const next = bytes[i + 1];
    if (next === SPACE || next === TAB) i++; // a fold: drop the break and the one whitespace
    else out[n++] = LF;
  }
  return out.subarray(0, n);
}

/** The charset a `Content-Type` names when the runtime can decode it, else UTF-8 (RFC 5545's default). */
function charsetOf(contentType: string | null): string {
  const charset = /;\s*charset="?([\w.:-]+)"?/i.exec(contentType ?? '')?.[1];
  if (charset === undefined) return 'utf-8';
  try {
    return new TextDecoder(charset).encoding;
  } catch {
    return 'utf-8'; // a label the runtime does not know
  }
}

/**
 * The feed's text, unfolded, with LF line breaks and without a byte-order mark.
 * Invalid byte sequences become U+FFFD rather than failing the feed.
 *
 * @example
 * ```ts
 * decodeFeed(new TextEncoder().encode('SUMMARY:Caf\r\n é\r\n'), null); // "SUMMARY:Café\n"
 * ```
 */
export function decodeFeed(bytes: Uint8Array, contentType: string | null): string {
  return new TextDecoder(charsetOf(contentType)).decode(unfoldBytes(bytes));
}

/** Whether a body is an iCalendar object: its first non-blank line is BEGIN:VCALENDAR. */
export function looksLikeCalendar(text: string): boolean {
  return /^\s*BEGIN:VCALENDAR[ \t]*(?:\n|$)/i.test(text);
}
