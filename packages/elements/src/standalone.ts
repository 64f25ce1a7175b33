/**
 * `dist/standalone.js`: every tag for a plain `<script type="module">`, all dependencies
 * inside. Browsers that ship Temporal use their own; elsewhere the polyfill chunk is
 * fetched first, so a modern browser downloads no polyfill bytes.
 */
import { registerElements } from './internal/register.js';

if (!('Temporal' in globalThis)) await import('temporal-polyfill/global');
registerElements();

export * from './index.js';
