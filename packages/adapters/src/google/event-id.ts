/**
 * Google Calendar event ids derived from an idempotency key, so that a retried insert
 * carries the same id and Google itself refuses the second copy (409 `duplicate`).
 */
import { SchedulerError } from '@meeting-scheduler/core';

/** RFC 4648 §7 "base32hex" alphabet, lower-cased: exactly the characters Google allows in event ids. */
const BASE32HEX = '0123456789abcdefghijklmnopqrstuv';

/** Keys whose UTF-8 encoding is 3..640 bytes give ids of 5..1024 characters. */
const MIN_KEY_BYTES = 3;
const MAX_KEY_BYTES = 640;

/** Whether `id` is a valid client-chosen Google event id: `[0-9a-v]{5,1024}`. */
export function isGoogleEventId(id: unknown): id is string {
  return typeof id === 'string' && /^[0-9a-v]{5,1024}$/.test(id);
}

/**
 * The Google event id for an idempotency key: the key's UTF-8 bytes in base32hex
 * (RFC 4648 §7), lower case, without `=` padding.
 *
 * Google accepts client ids made of `a-v` and `0-9` only, 5 to 1024 characters long,
 * unique per calendar. The encoding is one-to-one, so two keys never share an id and the
 * same key always gives the same id (on every device, with no state kept). A key of
 * 3 to 640 UTF-8 bytes fits those bounds; anything shorter or longer is refused rather
 * than padded or hashed, so that the mapping stays reversible and collision-free.
 *
 * @throws {SchedulerError} `invalid-input` when the key is not a string of 3–640 UTF-8 bytes.
 *
 * @example
 * ```ts
 * googleEventId('foo');    // 'cpnmu'
 * googleEventId('foobar'); // 'cpnmuoj1e8'
 * ```
 */
export function googleEventId(idempotencyKey: string): string {
  if (typeof idempotencyKey !== 'string') {
    throw new SchedulerError('invalid-input', 'google: the idempotency key must be a string', { field: 'idempotencyKey' });
  }
  const bytes = new TextEncoder().encode(idempotencyKey);
  if (bytes.length < MIN_KEY_BYTES || bytes.length > MAX_KEY_BYTES) {
    throw new SchedulerError(
      'invalid-input',
      `google: the idempotency key must be ${MIN_KEY_BYTES} to ${MAX_KEY_BYTES} UTF-8 bytes long to make a Google event id`,
      { field: 'idempotencyKey', bytes: bytes.length },
    );
  }
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32HEX[(buffer >>> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32HEX[(buffer << (5 - bits)) & 31];
  return out;
}
