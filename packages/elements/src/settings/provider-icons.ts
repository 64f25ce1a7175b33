import { html, type TemplateResult } from 'lit';

/** Decorative provider marks (the provider's name is always shown as text beside them). */
const google = html`<svg viewBox="0 0 48 48" width="20" height="20" aria-hidden="true" focusable="false">
  <path fill="#EA4335" d="M24 9.5c3.54 0 6.71 1.22 9.21 3.6l6.85-6.85C35.9 2.38 30.47 0 24 0 14.62 0 6.51 5.38 2.56 13.22l7.98 6.19C12.43 13.72 17.74 9.5 24 9.5z"/>
  <path fill="#4285F4" d="M46.98 24.55c0-1.57-.15-3.09-.38-4.55H24v9.02h12.94c-.58 2.96-2.26 5.48-4.78 7.18l7.73 6c4.51-4.18 7.09-10.36 7.09-17.65z"/>
  <path fill="#FBBC05" d="M10.53 28.59c-.48-1.45-.76-2.99-.76-4.59s.27-3.14.76-4.59l-7.98-6.19C.92 16.46 0 20.12 0 24c0 3.88.92 7.54 2.56 10.78l7.97-6.19z"/>
  <path fill="#34A853" d="M24 48c6.48 0 11.93-2.13 15.89-5.81l-7.73-6c-2.15 1.45-4.92 2.3-8.16 2.3-6.26 0-11.57-4.22-13.47-9.91l-7.98 6.19C6.51 42.62 14.62 48 24 48z"/>
</svg>`;

const microsoft = html`<svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false">
  <rect x="0" y="0" width="9.5" height="9.5" fill="#F25022"/>
  <rect x="10.5" y="0" width="9.5" height="9.5" fill="#7FBA00"/>
  <rect x="0" y="10.5" width="9.5" height="9.5" fill="#00A4EF"/>
  <rect x="10.5" y="10.5" width="9.5" height="9.5" fill="#FFB900"/>
</svg>`;

const feed = html`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round">
  <rect x="3" y="5" width="18" height="16" rx="2"/><path d="M3 10h18M8 3v4M16 3v4"/>
  <path d="M8 14a4 4 0 0 1 4 4M8 17.5h.01"/>
</svg>`;

/** The mark for a connection's provider (a calendar glyph for ICS feeds and unknown providers). */
export function providerIcon(provider: string): TemplateResult {
  return provider === 'google' ? google : provider === 'microsoft' ? microsoft : feed;
}
