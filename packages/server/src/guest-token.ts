/**
 * Guest links: `<payload>.<signature>`, both base64url. The payload is JSON
 * `{ "v": 1, "m": meetingId, "g": guestId, "exp": epochSeconds }`; the signature is
 * HMAC-SHA256 with the server's guest secret over `"guest.v1." + payload`. Web Crypto
 * only, so it runs wherever the app does; verification is constant-time.
 */
import type { webcrypto } from 'node:crypto';

interface GuestClaims {
  meetingId: string;
  guestId: string;
  /** Epoch seconds. */
  expiresAt: number;
}

const PREFIX = 'guest.v1.';
/** Tokens longer than this are refused before any work. */
const MAX_TOKEN_LENGTH = 1_024;
const encoder = new TextEncoder();

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

export class GuestTokens {
  readonly #key: Promise<webcrypto.CryptoKey>;

  constructor(secret: string) {
    this.#key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  }

  async sign(claims: GuestClaims): Promise<string> {
    const payload = toBase64Url(encoder.encode(JSON.stringify({ v: 1, m: claims.meetingId, g: claims.guestId, exp: claims.expiresAt })));
    const signature = new Uint8Array(await crypto.subtle.sign('HMAC', await this.#key, encoder.encode(PREFIX + payload)));
    return `${payload}.${toBase64Url(signature)}`;
  }

  /** The claims of a genuine, unexpired token; null for anything else. */
  async verify(token: string, nowSeconds: number): Promise<GuestClaims | null> {
    if (token.length > MAX_TOKEN_LENGTH) return null;
    const parts = token.split('.');
    if (parts.length !== 2) return null;
    const [payload, sig] = parts as [string, string];
    const signature = fromBase64Url(sig);
    if (!signature || signature.length !== 32) return null;
    const genuine = await crypto.subtle.verify('HMAC', await this.#key, signature, encoder.encode(PREFIX + payload));
    if (!genuine) return null;
    const bytes = fromBase64Url(payload);
    if (!bytes) return null;
    let claims: unknown;
    try {
      claims = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      return null;
    }
    const c = claims as { v?: unknown; m?: unknown; g?: unknown; exp?: unknown };
    if (c.v !== 1 || typeof c.m !== 'string' || typeof c.g !== 'string' || typeof c.exp !== 'number') return null;
    if (c.exp <= nowSeconds) return null;
    return { meetingId: c.m, guestId: c.g, expiresAt: c.exp };
  }
}
